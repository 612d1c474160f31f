// Generated from /work/shared/data/aws-escalation-catalogue.tsv (pathfinding.cloud, December 2025
// snapshot: id, permissions, category) plus the `target` column below. Regenerate rather than edit
// by hand; `AWSTechniqueTableTests` pins the count, the ids and the families.

/// The AWS privilege-escalation techniques as data: the one table every escalation comes from.
enum AWSTechniques {
    /// `target` says what the technique works on:
    /// - new PassRole: the service principal a passed role must trust (`lambda.amazonaws.com`);
    /// - existing PassRole (and `cloudformation-005`, which changes an existing stack): the
    ///   `service:resource-type` of an inventory resource that runs as a role (`lambda:function`);
    /// - self-escalation and principal access: empty (the targets are IAM principals and policies).
    static let all: [AWSTechnique] = [
        AWSTechnique(
            id: "apprunner-001", permissions: ["iam:PassRole", "apprunner:CreateService"], family: .newPassRole,
            target: "tasks.apprunner.amazonaws.com"),
        AWSTechnique(id: "apprunner-002", permissions: ["apprunner:UpdateService"], family: .existingPassRole, target: "apprunner:service"),
        AWSTechnique(
            id: "bedrock-001",
            permissions: [
                "iam:PassRole", "bedrock-agentcore:CreateCodeInterpreter", "bedrock-agentcore:StartCodeInterpreterSession",
                "bedrock-agentcore:InvokeCodeInterpreter",
            ], family: .newPassRole, target: "bedrock-agentcore.amazonaws.com"),
        AWSTechnique(
            id: "bedrock-002", permissions: ["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter"],
            family: .existingPassRole, target: "bedrock-agentcore:code-interpreter"),
        AWSTechnique(
            id: "cloudformation-001", permissions: ["iam:PassRole", "cloudformation:CreateStack"], family: .newPassRole,
            target: "cloudformation.amazonaws.com"),
        AWSTechnique(
            id: "cloudformation-002", permissions: ["cloudformation:UpdateStack"], family: .existingPassRole, target: "cloudformation:stack"
        ),
        AWSTechnique(
            id: "cloudformation-003",
            permissions: ["iam:PassRole", "cloudformation:CreateStackSet", "cloudformation:CreateStackInstances"], family: .newPassRole,
            target: "cloudformation.amazonaws.com"),
        AWSTechnique(
            id: "cloudformation-004", permissions: ["iam:PassRole", "cloudformation:UpdateStackSet"], family: .newPassRole,
            target: "cloudformation.amazonaws.com"),
        AWSTechnique(
            id: "cloudformation-005", permissions: ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
            family: .newPassRole, target: "cloudformation:stack"),
        AWSTechnique(
            id: "codebuild-001", permissions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], family: .newPassRole,
            target: "codebuild.amazonaws.com"),
        AWSTechnique(id: "codebuild-002", permissions: ["codebuild:StartBuild"], family: .existingPassRole, target: "codebuild:project"),
        AWSTechnique(
            id: "codebuild-003", permissions: ["codebuild:StartBuildBatch"], family: .existingPassRole, target: "codebuild:project"),
        AWSTechnique(
            id: "codebuild-004", permissions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuildBatch"],
            family: .newPassRole, target: "codebuild.amazonaws.com"),
        AWSTechnique(
            id: "datapipeline-001",
            permissions: [
                "iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition", "datapipeline:ActivatePipeline",
            ], family: .newPassRole, target: "datapipeline.amazonaws.com"),
        AWSTechnique(
            id: "ec2instanceconnect-003", permissions: ["ec2-instance-connect:SendSSHPublicKey"], family: .existingPassRole,
            target: "ec2:instance"),
        AWSTechnique(id: "ec2-001", permissions: ["iam:PassRole", "ec2:RunInstances"], family: .newPassRole, target: "ec2.amazonaws.com"),
        AWSTechnique(
            id: "ec2-002", permissions: ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"],
            family: .existingPassRole, target: "ec2:instance"),
        AWSTechnique(
            id: "ec2-003", permissions: ["iam:PassRole", "ec2:RequestSpotInstances"], family: .newPassRole, target: "ec2.amazonaws.com"),
        AWSTechnique(
            id: "ec2-004", permissions: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"], family: .existingPassRole,
            target: "ec2:launch-template"),
        AWSTechnique(
            id: "ecs-001", permissions: ["iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
            family: .newPassRole, target: "ecs-tasks.amazonaws.com"),
        AWSTechnique(
            id: "ecs-002", permissions: ["iam:PassRole", "ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
            family: .newPassRole, target: "ecs-tasks.amazonaws.com"),
        AWSTechnique(
            id: "ecs-003", permissions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"], family: .newPassRole,
            target: "ecs-tasks.amazonaws.com"),
        AWSTechnique(
            id: "ecs-004", permissions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], family: .newPassRole,
            target: "ecs-tasks.amazonaws.com"),
        AWSTechnique(
            id: "ecs-005", permissions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"], family: .newPassRole,
            target: "ecs-tasks.amazonaws.com"),
        AWSTechnique(
            id: "glue-001", permissions: ["iam:PassRole", "glue:CreateDevEndpoint"], family: .newPassRole, target: "glue.amazonaws.com"),
        AWSTechnique(id: "glue-002", permissions: ["glue:UpdateDevEndpoint"], family: .existingPassRole, target: "glue:devEndpoint"),
        AWSTechnique(
            id: "glue-003", permissions: ["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"], family: .newPassRole,
            target: "glue.amazonaws.com"),
        AWSTechnique(
            id: "glue-004", permissions: ["iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"], family: .newPassRole,
            target: "glue.amazonaws.com"),
        AWSTechnique(
            id: "glue-005", permissions: ["iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"], family: .newPassRole,
            target: "glue.amazonaws.com"),
        AWSTechnique(
            id: "glue-006", permissions: ["iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"], family: .newPassRole,
            target: "glue.amazonaws.com"),
        AWSTechnique(id: "iam-001", permissions: ["iam:CreatePolicyVersion"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-002", permissions: ["iam:CreateAccessKey"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-003", permissions: ["iam:CreateAccessKey", "iam:DeleteAccessKey"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-004", permissions: ["iam:CreateLoginProfile"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-005", permissions: ["iam:PutRolePolicy"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-006", permissions: ["iam:UpdateLoginProfile"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-007", permissions: ["iam:PutUserPolicy"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-008", permissions: ["iam:AttachUserPolicy"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-009", permissions: ["iam:AttachRolePolicy"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-010", permissions: ["iam:AttachGroupPolicy"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-011", permissions: ["iam:PutGroupPolicy"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-012", permissions: ["iam:UpdateAssumeRolePolicy"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-013", permissions: ["iam:AddUserToGroup"], family: .selfEscalation, target: ""),
        AWSTechnique(id: "iam-014", permissions: ["iam:AttachRolePolicy", "sts:AssumeRole"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-015", permissions: ["iam:AttachUserPolicy", "iam:CreateAccessKey"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-016", permissions: ["iam:CreatePolicyVersion", "sts:AssumeRole"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-017", permissions: ["iam:PutRolePolicy", "sts:AssumeRole"], family: .principalAccess, target: ""),
        AWSTechnique(id: "iam-018", permissions: ["iam:PutUserPolicy", "iam:CreateAccessKey"], family: .principalAccess, target: ""),
        AWSTechnique(
            id: "iam-019", permissions: ["iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"], family: .principalAccess, target: ""),
        AWSTechnique(
            id: "iam-020", permissions: ["iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"], family: .principalAccess, target: ""),
        AWSTechnique(
            id: "iam-021", permissions: ["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"], family: .principalAccess, target: ""),
        AWSTechnique(
            id: "lambda-001", permissions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], family: .newPassRole,
            target: "lambda.amazonaws.com"),
        AWSTechnique(
            id: "lambda-002", permissions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
            family: .newPassRole, target: "lambda.amazonaws.com"),
        AWSTechnique(id: "lambda-003", permissions: ["lambda:UpdateFunctionCode"], family: .existingPassRole, target: "lambda:function"),
        AWSTechnique(
            id: "lambda-004", permissions: ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"], family: .existingPassRole,
            target: "lambda:function"),
        AWSTechnique(
            id: "lambda-005", permissions: ["lambda:UpdateFunctionCode", "lambda:AddPermission"], family: .existingPassRole,
            target: "lambda:function"),
        AWSTechnique(
            id: "lambda-006", permissions: ["iam:PassRole", "lambda:CreateFunction", "lambda:AddPermission"], family: .newPassRole,
            target: "lambda.amazonaws.com"),
        AWSTechnique(
            id: "sagemaker-001", permissions: ["iam:PassRole", "sagemaker:CreateNotebookInstance"], family: .newPassRole,
            target: "sagemaker.amazonaws.com"),
        AWSTechnique(
            id: "sagemaker-002", permissions: ["iam:PassRole", "sagemaker:CreateTrainingJob"], family: .newPassRole,
            target: "sagemaker.amazonaws.com"),
        AWSTechnique(
            id: "sagemaker-003", permissions: ["iam:PassRole", "sagemaker:CreateProcessingJob"], family: .newPassRole,
            target: "sagemaker.amazonaws.com"),
        AWSTechnique(
            id: "sagemaker-004", permissions: ["sagemaker:CreatePresignedNotebookInstanceUrl"], family: .existingPassRole,
            target: "sagemaker:notebook-instance"),
        AWSTechnique(
            id: "sagemaker-005",
            permissions: [
                "sagemaker:CreateNotebookInstanceLifecycleConfig", "sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance",
                "sagemaker:StartNotebookInstance",
            ], family: .existingPassRole, target: "sagemaker:notebook-instance"),
        AWSTechnique(id: "ssm-001", permissions: ["ssm:StartSession"], family: .existingPassRole, target: "ec2:instance"),
        AWSTechnique(id: "ssm-002", permissions: ["ssm:SendCommand"], family: .existingPassRole, target: "ec2:instance"),
        AWSTechnique(id: "sts-001", permissions: ["sts:AssumeRole"], family: .principalAccess, target: ""),
    ]
}
