import BlastTestSupport
import Foundation
import Testing

/// Diagram output end to end: raster and print formats, unknown extensions, the legend option,
/// and the answer's instant reaching the picture.
@Suite("Diagram output", .serialized)
struct DiagramOutputTests {
    private func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("blast-diagram-\(getpid())-\(name)").path
    }

    @Test("-o x.png and -o x.pdf are rendered by Graphviz in process, not written as text")
    func pngAndPDF() throws {
        for (name, magic) in [("x.png", [UInt8]([0x89, 0x50, 0x4E, 0x47])), ("x.pdf", Array("%PDF".utf8))] {
            let path = temporaryFile(name)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let r = blast(["radius", acme, "--from", "deploy-token"] + at + ["-o", path])
            #expect(r.code == 0, "\(name): \(r.err)")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(Array(bytes.prefix(4)) == magic, "\(name)")
        }
    }

    @Test("an -o extension no format owns is a command-line error, never text in the file")
    func unknownExtension() {
        let path = temporaryFile("x.jpg")
        let r = blast(["radius", acme, "--from", "deploy-token"] + at + ["-o", path])
        #expect(r.code == 64)
        #expect(r.err.contains("unknown extension '.jpg'"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("--legend compact (default) draws a legend, none drops it, full draws every sample")
    func legendOption() {
        func legendSamples(_ extra: [String]) -> Int {
            let r = blast(["can", acme, "--from", "dave", "--action", "deploy", "--on", "prod/app/web"] + at + ["--format", "dot"] + extra)
            return r.out.components(separatedBy: "legend_").count - 1
        }
        let compact = legendSamples([]), none = legendSamples(["--legend", "none"]), full = legendSamples(["--legend", "full"])
        #expect(none == 0)
        #expect(compact > 0)
        #expect(full > compact)
    }

    @Test("render draws the whole model at --at: an expired grant is dotted and says when it expired")
    func renderAtInstant() {
        let r = blast(["render", acme] + at + ["--format", "dot"])
        #expect(r.code == 0)
        let start = r.out.range(of: #"dave -> "prod-debug""#)
        let edge = start.map { r.out[$0.lowerBound...].prefix { $0 != ";" } } ?? ""
        #expect(edge.contains(#"label="expired 2026-06-30""#))
        #expect(edge.contains("style=dotted"))
    }
}
