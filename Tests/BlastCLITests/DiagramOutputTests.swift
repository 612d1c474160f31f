import BlastCLI
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

    @Test("a diagram folding cannot bring within twice --max-nodes is refused with a usage error that says why")
    func refusedPastTheBudget() {
        let r = blast(
            ["what-if", acme, "--from", "ci-runner-token", "--remove-assume", "ci-runner:deploy-bot"] + at
                + ["--format", "svg", "--max-nodes", "2"])
        #expect(r.code == 64)
        #expect(r.err.contains("nodes after folding, more than twice --max-nodes 2"))
        #expect(r.out.isEmpty)
    }

    @Test("render refuses a text or JSON output: it draws diagrams only")
    func renderNeedsADiagramFormat() {
        let path = temporaryFile("model.json")
        let r = blast(["render", acme] + at + ["-o", path])
        #expect(r.code == 64)
        #expect(r.err.contains("render draws diagrams"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("--legend compact (default) draws a legend, none drops it, full draws every sample")
    func legendOption() {
        func legendSamples(_ extra: [String]) -> Int {
            let r = blast(
                ["can", acme, "--from", "dave", "--action", "deploy", "--on", "prod/app/web"] + at + ["--format", "dot"] + extra)
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

    /// The width and height a PNG's header declares.
    private func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count >= 24, bytes.prefix(4) == [0x89, 0x50, 0x4E, 0x47] else { return nil }
        func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    static let aws = [
        "prod-authorization-details.json", "tooling-authorization-details.json", "prod-credential-report.csv",
        "tooling-credential-report.csv", "inventory.yaml",
    ].map { Fixtures.repositoryRoot + "/samples/aws/" + $0 }
    static let k8s = ["cluster.yaml", "kubeconfig-ci.yaml"].map { Fixtures.repositoryRoot + "/samples/k8s/" + $0 }

    @Test(
        "every sample picture renders to a PNG within 4,000 × 4,000 px",
        arguments: [
            ["radius", acme, "--from", "frank", "--mfa"],
            ["who-can", acme, "--reach", "prod/db/customers"],
            ["what-if", acme, "--from", "ci-runner-token", "--remove-assume", "ci-runner:deploy-bot"],
            ["chokepoints", acme, "--from-all-credentials", "--to-criticality", "critical"],
            ["rank", acme, "--top", "5"],
            ["render", acme],
            ["radius"] + aws + ["--from", "AKIAEXAMPLECIDEPLOY1"],
            ["radius"] + k8s + ["--from", "k8s:prod:kubeconfig:ci-builder"],
        ])
    func samplePicturesFitTheBudget(command: [String]) throws {
        let r = BlastCommand.execute(command + at + ["--format", "png"])
        #expect(r.exitCode == 0, "\(command): \(r.stderr)")
        let size = try #require(pngSize(r.stdout), "\(command)")
        #expect(size.width <= 4000 && size.height <= 4000, "\(command): \(size)")
    }

    @Test("the whole generated organisation of 2,000 identities renders on one page, not as a 38-metre strip")
    func bigOrganisationFits() throws {
        let path = temporaryFile("org-2k.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(blast(["generate", "--identities", "2000", "--seed", "7", "-o", path]).code == 0)
        // The whole model, and a who-can answer with 1,730 readers (every path highlighted).
        for command in [["render", path], ["who-can", path, "--reach", "org/p0/db/r0"]] {
            let r = BlastCommand.execute(command + at + ["--format", "png"])
            #expect(r.exitCode == 0, "\(command): \(r.stderr)")
            let size = try #require(pngSize(r.stdout), "\(command)")
            #expect(size.width <= 4000 && size.height <= 4000, "\(command): \(size)")
        }
    }
}
