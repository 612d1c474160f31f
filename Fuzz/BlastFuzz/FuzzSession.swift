import Foundation

/// The target chosen for this process and the folder its inputs are written to.
struct FuzzSession: Sendable {
    static let targetVariable = "BLAST_FUZZ_TARGET"
    static let usage =
        "usage: blast-fuzz TARGET (--seed DIR | FILE-OR-FOLDER... | LIBFUZZER-ARGS...); targets: "
        + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")

    let target: FuzzTarget
    let directory: String

    /// Set once by `start`, before the first input; read-only afterwards.
    nonisolated(unsafe) static var current = FuzzSession(target: .nativeYAML, directory: "")

    /// Chooses the target from BLAST_FUZZ_TARGET and makes the input folder (removed at exit);
    /// with `--seed DIR` in `arguments`, writes the seeds and exits.
    static func start(_ arguments: [String]) {
        guard let name = ProcessInfo.processInfo.environment[targetVariable], let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            exit(64)
        }
        let directory = NSTemporaryDirectory() + "blast-fuzz-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if let k = arguments.firstIndex(of: "--seed"), k + 1 < arguments.count {
                let seeds = arguments[k + 1]
                try FileManager.default.createDirectory(atPath: seeds, withIntermediateDirectories: true)
                for seed in try target.seeds() {
                    try Data(seed.bytes).write(to: URL(fileURLWithPath: seeds + "/" + seed.name))
                }
                try? FileManager.default.removeItem(atPath: directory)
                exit(0)
            }
        } catch {
            FileHandle.standardError.write(Data("blast-fuzz: \(error)\n".utf8))
            exit(66)
        }
        setenv("XDG_CACHE_HOME", directory + "/cache", 1)
        atexit { try? FileManager.default.removeItem(atPath: FuzzSession.current.directory) }
        current = FuzzSession(target: target, directory: directory)
    }
}
