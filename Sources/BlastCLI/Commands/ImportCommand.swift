import ArgumentParser
import BlastCore
import BlastImport

/// `blast import`: turn exports (AWS, Kubernetes, …) into one native model file.
struct ImportCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert exports into one native model file; querying it gives the same answers as querying the exports.",
        discussion:
            "Formats: \(ModelSources.formatNames.joined(separator: ", ")), or auto.\nExample: blast import auto samples/acme.yaml -o output/acme-copy.yaml"
    )

    @Argument(help: ArgumentHelp("The format every file must be in, or auto to recognise each by content.", valueName: "format"))
    var format: String
    @OptionGroup var files: ModelFiles
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the model here instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        let known = ModelSources.formatNames + ["auto"]
        guard known.contains(format) else {
            throw ValidationError("unknown format '\(format)'; use one of \(known.joined(separator: ", "))")
        }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        if format != "auto" {
            for path in files.models {
                let file: SourceFile
                do { file = try ModelSources.read(path) } catch { throw CommandFailure(error) }
                let detected = ModelSources.format(of: file)
                guard detected == format else {
                    throw CommandFailure(
                        "\(path): error: this file reads as \(detected), not \(format); use 'blast import \(detected)' or 'auto'",
                        exitCode: .usage)
                }
            }
        }
        let model = try ModelInput.model(files, io: &io)
        io.write(ModelWriter.yaml(model))
        try OutputOptions(output: output).deliver(&io)
        return .ok
    }
}
