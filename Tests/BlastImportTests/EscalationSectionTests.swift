import BlastCore
import BlastImport
import Testing

@Suite("The escalations section")
struct EscalationSectionTests {
    let text = """
        version: 1
        identities:
          - id: dev
          - id: lambda-admin
            type: service
        resources:
          - id: iam/roles/admin
          - id: lambda/functions
        escalations:
          - technique: lambda-001
            requires:
              - {action: "iam:PassRole", resource: iam/roles/admin}
              - {action: "lambda:CreateFunction", resource: lambda/functions}
            to: lambda-admin
        """

    @Test("escalations decode with their requirements and target")
    func decodes() throws {
        let model = try NativeFormat.decode(text: text, file: "esc.yaml")
        #expect(model.escalations.count == 1)
        #expect(model.escalations[0].technique == "lambda-001")
        #expect(
            model.escalations[0].requires == [
                .init(action: "iam:PassRole", resource: "iam/roles/admin"),
                .init(action: "lambda:CreateFunction", resource: "lambda/functions"),
            ])
        #expect(model.escalations[0].origin?.line == 10)
    }

    @Test("the writer writes escalations back to the same model")
    func roundTrip() throws {
        let model = try NativeFormat.decode(text: text, file: "esc.yaml")
        let again = try NativeFormat.decode(text: ModelWriter.yaml(model), file: "again.yaml")
        #expect(again.escalations.map(\.requires) == model.escalations.map(\.requires))
        #expect(again.escalations.map(\.to) == ["lambda-admin"])
    }

    @Test("an escalation without requirements names the missing key")
    func missingRequires() {
        #expect(throws: ImportError.self) {
            try NativeFormat.decode(text: "version: 1\nescalations:\n  - {technique: x, to: dev}\n", file: "bad.yaml")
        }
    }
}
