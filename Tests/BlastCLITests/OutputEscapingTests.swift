import BlastCLI
import BlastPresent
import BlastTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Issue 15, E9 and E10: ids with entity-like text, control characters, backslashes or line
/// breaks never produce invalid SVG or DOT, never drive a terminal, never inject Markdown.
@Suite("Ids escaped for every output", .serialized)
struct OutputEscapingTests {
    let folder: URL
    let model: String

    /// Identities `a&b;&amp;&lt;` and `e<ESC>]0;title<BEL>`, resources `A\` and `q"x`.
    init() throws {
        folder = try scratchFolder()
        model = folder.appendingPathComponent("special.yaml").path
        try """
        version: 1
        identities: [{id: "a&b;&amp;&lt;"}, {id: "e\\e]0;title\\a"}]
        roles: [{id: r, allow: [{actions: [read], resources: ["*"]}]}]
        resources: [{id: 'A\\'}, {id: 'q"x'}]
        grants: [{to: "a&b;&amp;&lt;", role: r}, {to: "e\\e]0;title\\a", role: r}]
        """.write(toFile: model, atomically: true, encoding: .utf8)
    }

    /// Whether `data` is well-formed XML.
    func wellFormed(_ data: Data) -> Bool { XMLParser(data: data).parse() }

    @Test("E9a/E9b: SVG of a model whose ids hold '&name;' and control characters is well-formed XML")
    func svgWellFormed() throws {
        for args in [["render", model], ["radius", model, "--from", "a&b;&amp;&lt;"]] {
            let out = folder.appendingPathComponent("d.svg").path
            let r = runBlast(args + ["--no-cache", "-o", out])
            #expect(r.code == 0)
            let svg = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(wellFormed(svg))
            #expect(!svg.contains(0x1B) && !svg.contains(0x07))
        }
    }

    @Test("E9c: a DOT node whose id ends in a backslash keeps its closing quote")
    func dotBackslash() throws {
        let r = runBlast(["render", model, "--no-cache", "--format", "dot"])
        #expect(r.code == 0)
        #expect(r.out.contains("\t\t\"A\\\\\"\t["))
        #expect(!r.out.contains("\"A\\\"\t["))
    }

    @Test("E10: text output shows an escape or a bell in an id visibly, never raw")
    func textEscapes() {
        let r = runBlast(["radius", model, "--from", "e\u{1B}]0;title\u{07}", "--no-cache", "--at", "2026-11-23"])
        #expect(r.code == 0)
        #expect(r.out.contains("e\\e]0;title\\u{7}"))
        #expect(!r.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test("E10: diagnostics written to stderr show control characters visibly")
    func stderrEscapes() throws {
        var io = CommandIO()
        io.diagnose("error: --from: 'e\u{1B}]0;title\u{07}' is not an identity")
        let pipe = Pipe()
        let devNull = FileHandle(forWritingAtPath: "/dev/null")!
        let code = io.finish(.usage, stdout: devNull.fileDescriptor, stderr: pipe.fileHandleForWriting.fileDescriptor)
        try pipe.fileHandleForWriting.close()
        let written = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(code == 64)
        #expect(written == "error: --from: 'e\\e]0;title\\u{7}' is not an identity\n")
    }

    @Test("E10: audit Markdown keeps a control character inside its code span")
    func markdownEscapes() {
        let r = runBlast(["audit", model, "--format", "markdown", "--no-cache", "--at", "2026-11-23"])
        #expect(r.code == 0)
        #expect(r.out.contains("`e\\e]0;title\\u{7}`"))
        #expect(!r.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test(
        "E10: an id holding a line break is refused (65): it could forge a line or a Markdown heading",
        arguments: ["\\n", "\\r", "\\u2028"])
    func lineBreakInID(lineBreak: String) throws {
        let path = folder.appendingPathComponent("nl.yaml").path
        try "version: 1\nidentities: [{id: \"x\(lineBreak)# heading [l](javascript:alert(1))\"}]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let r = runBlast(["rank", path, "--no-cache"])
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("\(path):2: error: identities[0]: the identity id 'x\\"))
    }

    @Test("terminalSafe keeps line feeds, tabs and colour sequences, and escapes the rest")
    func terminalSafe() {
        #expect(TextStyle.terminalSafe("a\tb\n\u{1B}[1;31mred\u{1B}[0m") == "a\tb\n\u{1B}[1;31mred\u{1B}[0m")
        #expect(TextStyle.terminalSafe("x\u{1B}]0;t\u{07}\ry\u{9B}") == "x\\e]0;t\\u{7}\\ry\\u{9b}")
        #expect(TextStyle.terminalSafe("a · b → é ✓ \u{1B}[0m") == "a · b → é ✓ \u{1B}[0m")
        #expect(TextStyle.terminalSafe("é\u{1B}[1x") == "é\\e[1x")
    }
}
