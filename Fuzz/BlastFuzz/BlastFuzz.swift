import Foundation

// blast-fuzz TARGET ARGS...: one reader under fuzzing (FuzzTarget). Built with `--sanitize=fuzzer
// -Xswiftc -DBLAST_FUZZ` (make fuzz), libFuzzer's own main runs and ARGS are its flags and corpus
// folders; in the ordinary build ARGS are input files (or folders of them) to replay through the
// reader. In both, `blast-fuzz TARGET --seed DIR` writes the target's seed corpus into DIR.
// See docs/fuzzing.md. (No main.swift: with the fuzzer, SwiftPM compiles the target as a library.)

#if BLAST_FUZZ
/// libFuzzer calls this once before fuzzing, before it reads its flags: takes the target off the
/// command line (forked workers find it in BLAST_FUZZ_TARGET), or writes seeds and exits.
@_cdecl("LLVMFuzzerInitialize")
func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    var arguments = (0..<Int(argc.pointee)).map { String(cString: argv.pointee![$0]!) }
    if arguments.count > 1, FuzzTarget(rawValue: arguments[1]) != nil {
        setenv(FuzzSession.targetVariable, arguments.remove(at: 1), 1)
        for k in 1..<Int(argc.pointee) { argv.pointee![k] = argv.pointee![k + 1] }
        argc.pointee -= 1
    }
    FuzzSession.start(arguments)
    return 0
}

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzSession.current.target.run(UnsafeRawBufferPointer(start: data, count: count), in: FuzzSession.current.directory)
    return 0
}
#else
/// The ordinary build's entry: replays every file given, and every file in every folder given.
@main
enum BlastFuzzReplay {
    static func main() throws {
        var arguments = CommandLine.arguments
        if arguments.count > 1, FuzzTarget(rawValue: arguments[1]) != nil {
            setenv(FuzzSession.targetVariable, arguments.remove(at: 1), 1)
        }
        FuzzSession.start(arguments)
        let session = FuzzSession.current
        for argument in arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
            let files =
                isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: argument).sorted().map { argument + "/" + $0 } : [argument]
            for file in files {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                bytes.withUnsafeBytes { session.target.run($0, in: session.directory) }
                print("\(session.target.rawValue): \(file): ok")
            }
        }
    }
}
#endif
