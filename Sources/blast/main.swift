import BlastCLI

BlastCommand.runFromCommandLine()
