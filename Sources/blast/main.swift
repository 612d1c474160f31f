import BlastCLI

BlastCommand.main()
