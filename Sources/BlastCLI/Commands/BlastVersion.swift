import Foundation

/// Which blast this is: `blast --version`, and the identity the model cache keys entries by.
public enum BlastVersion {
    public static let current = "0.10.0"

    /// The version and the running executable's size and modification time, so that a rebuilt
    /// blast never reads models an older build imported.
    public static let build: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let attributes = try? FileManager.default.attributesOfItem(atPath: executable)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(current) \(executable) \(size) \(modified)"
    }()
}
