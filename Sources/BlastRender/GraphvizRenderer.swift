import CGraphviz
import Foundation

/// Draws a `Scene` with Graphviz, in process: DOT text or a laid-out SVG.
///
/// The only code that talks to Graphviz's C libraries (cgraph and gvc). Every call is made
/// behind one lock, since Graphviz keeps global state (error level, attribute prototypes, writer
/// state, plugin caches); every resource but the process-wide context is freed by a `defer`
/// right after it is acquired; Graphviz's messages are kept off stderr and reported in
/// `RenderError.graphvizMessage`.
///
/// Output is deterministic: cgraph's default ID discipline orders subgraphs by the address of
/// their name, so graphs are opened with one that numbers objects in creation order, and the
/// document adds everything in scene order.
public enum GraphvizRenderer {
    /// Renders `scene` as DOT (Graphviz's own text, no layout), or laid out by `dot` as SVG,
    /// PNG or PDF (the last two through Graphviz's cairo plugin), with a legend in `legend`'s style.
    ///
    /// The same scene always gives the same DOT bytes, and the same SVG bytes for a given
    /// Graphviz version.
    ///
    /// - Throws: `RenderError` when the scene contradicts itself or Graphviz fails.
    /// - Complexity: O(V + E) to build the graph; SVG adds the `dot` layout, which is
    ///   superlinear in the drawing's size.
    public static func render(_ scene: Scene, as format: DiagramFormat, legend: LegendStyle = .compact) throws(RenderError)
        -> [UInt8]
    {
        let document = try GraphvizDocument(scene, legend: legend)
        return try GraphvizSession.shared.withContext { context throws(RenderError) in
            try draw(document, as: format, in: context)
        }
    }

    /// The version of the Graphviz library in use, such as `2.43.0`.
    ///
    /// - Complexity: O(1).
    public static var graphvizVersion: String {
        let version = try? GraphvizSession.shared.withContext { context in
            gvcVersion(context).map { String(cString: $0) }
        }
        return version.flatMap { $0 } ?? "unknown"
    }

    /// Builds `document` into a cgraph graph and writes it; the caller holds the session's lock.
    private static func draw(_ document: GraphvizDocument, as format: DiagramFormat, in context: OpaquePointer) throws(RenderError)
        -> [UInt8]
    {
        let state = GraphState()
        guard let graph = document.name.withMutableCString({ agopen($0, blast_agdirected(), state.discipline) }) else {
            throw failure(.graph, "could not open a Graphviz graph")
        }
        defer {
            agclose(graph)
            withExtendedLifetime(state) {}
        }
        try build(document, into: graph)

        switch format {
        case .dot:
            guard agwrite(graph, state.opaque) == 0 else {
                throw failure(.output, "could not write the graph as DOT")
            }
            return state.written
        case .svg, .png, .pdf:
            guard gvLayout(context, graph, "dot") == 0 else {
                throw failure(.layout, "the dot layout failed; try a smaller scene (aggregate resources)")
            }
            defer { gvFreeLayout(context, graph) }
            let device = format.device
            var data: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            let status = device.name.withMutableCString { gvRenderData(context, graph, $0, &data, &length) }
            defer { gvFreeRenderData(data) }
            guard status == 0, let data, length > 0 else {
                let name = format.rawValue.uppercased()
                throw failure(.output, "could not render the graph as \(name); check that Graphviz's \(device.plugin) is installed")
            }
            let bytes = Array(UnsafeRawBufferPointer(start: data, count: Int(length)))
            return format == .pdf ? DiagramFormat.pinningPDFCreationDate(bytes) : bytes
        }
    }

    /// Adds `document`'s attributes, subgraphs, nodes and edges to `graph`, in document order.
    private static func build(_ document: GraphvizDocument, into graph: UnsafeMutablePointer<Agraph_t>) throws(RenderError) {
        for attribute in document.inheritedGraphAttributes {
            try declare(attribute, kind: AGRAPH, in: graph)
        }
        for attribute in document.graphAttributes {
            try set(attribute, on: graph)
        }
        for attribute in document.nodeDefaults {
            try declare(attribute, kind: AGNODE, in: graph)
        }
        for attribute in document.edgeDefaults {
            try declare(attribute, kind: AGEDGE, in: graph)
        }

        var subgraphs: [UnsafeMutablePointer<Agraph_t>] = []
        subgraphs.reserveCapacity(document.subgraphs.count)
        for subgraph in document.subgraphs {
            guard let created = subgraph.name.graphvizName.withMutableCString({ agsubg(graph, $0, 1) }) else {
                throw failure(.graph, "could not add the subgraph \(subgraph.name)")
            }
            for attribute in subgraph.attributes {
                try set(attribute, on: created)
            }
            subgraphs.append(created)
        }

        for node in document.nodes {
            guard let created = node.name.graphvizName.withMutableCString({ agnode(graph, $0, 1) }) else {
                throw failure(.graph, "could not add the node \(node.name)")
            }
            if let index = node.subgraph, agsubnode(subgraphs[index], created, 1) == nil {
                throw failure(.graph, "could not put the node \(node.name) in \(document.subgraphs[index].name)")
            }
            for attribute in node.attributes {
                try set(attribute, on: created)
            }
        }

        for edge in document.edges {
            let tail = edge.tail.graphvizName.withMutableCString { agnode(graph, $0, 0) }
            let head = edge.head.graphvizName.withMutableCString { agnode(graph, $0, 0) }
            guard let tail, let head, let created = agedge(graph, tail, head, nil, 1) else {
                throw failure(.graph, "could not add the edge \(edge.tail) -> \(edge.head)")
            }
            for attribute in edge.attributes {
                try set(attribute, on: created)
            }
        }
    }

    /// Declares an attribute with its default for every object of `kind` (`AGRAPH`, `AGNODE`, `AGEDGE`).
    private static func declare(
        _ attribute: GraphvizDocument.Attribute, kind: Int32, in graph: UnsafeMutablePointer<Agraph_t>
    ) throws(RenderError) {
        let symbol = attribute.name.withMutableCString { name in
            attribute.value.graphvizText.withMutableCString { value in agattr(graph, kind, name, value) }
        }
        guard symbol != nil else {
            throw failure(.graph, "could not declare the attribute \(attribute.name)=\(attribute.value)")
        }
    }

    /// Sets an attribute on one graph, subgraph, node or edge; undeclared attributes default to "".
    private static func set<Object>(_ attribute: GraphvizDocument.Attribute, on object: UnsafeMutablePointer<Object>) throws(RenderError) {
        let status = attribute.name.withMutableCString { name in
            attribute.value.graphvizText.withMutableCString { value in
                "".withMutableCString { empty in agsafeset(object, name, value, empty) }
            }
        }
        guard status == 0 else {
            throw failure(.graph, "could not set the attribute \(attribute.name)=\(attribute.value)")
        }
    }

    /// An error carrying what Graphviz reported last.
    fileprivate static func failure(_ code: RenderError.Code, _ message: String) -> RenderError {
        RenderError(code, message, graphvizMessage: lastGraphvizMessage())
    }

    /// `aglasterr()`, trimmed; nil when Graphviz has reported nothing.
    private static func lastGraphvizMessage() -> String? {
        guard let message = aglasterr() else { return nil }
        defer { free(message) }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

/// The Graphviz context (plugins loaded from the installed configuration), and the lock every
/// Graphviz call is made behind.
///
/// The context lives as long as the process and is never freed: Graphviz 2.43's pango text
/// layout plugin caches a pointer into the context's font table in a static, so freeing a
/// context and starting another makes the next layout read freed memory. One long-lived context
/// is also how Graphviz's own tools use it.
private final class GraphvizSession: @unchecked Sendable {
    static let shared = GraphvizSession()

    /// Guards every Graphviz call; `@unchecked Sendable` rests on it.
    private let lock = NSLock()
    private let context: OpaquePointer?

    /// Runs once, before any other Graphviz call: every call goes through `shared`.
    private init() {
        _ = agseterr(AGMAX)
        context = gvContext()
    }

    /// Runs `body` with the context, holding the lock, with Graphviz's messages off stderr.
    func withContext<Result>(_ body: (OpaquePointer) throws(RenderError) -> Result) throws(RenderError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        _ = agseterr(AGMAX)
        guard let context else {
            throw GraphvizRenderer.failure(.context, "could not start Graphviz; check that libgraphviz and its plugins are installed")
        }
        return try body(context)
    }
}

/// The state behind the cgraph disciplines of one graph: object IDs numbered in creation order
/// (so subgraphs, nodes and edges are written and laid out in that order), and the DOT text
/// `agwrite` produces.
///
/// cgraph keeps pointers to the disciplines until `agclose`, so an instance must outlive its graph.
private final class GraphState {
    /// The discipline to pass to `agopen`.
    let discipline: UnsafeMutablePointer<Agdisc_t>
    /// This object, as the channel to pass to `agwrite` and as the ID discipline's state.
    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
    /// What `agwrite` wrote.
    private(set) var written: [UInt8] = []

    private let storage: UnsafeMutablePointer<blast_disc_t>
    private let idDiscipline: UnsafeMutablePointer<Agiddisc_t>
    private let ioDiscipline: UnsafeMutablePointer<Agiodisc_t>
    /// The graph, once `agopen` has called the ID discipline's `open`.
    private var graph: UnsafeMutablePointer<Agraph_t>?
    private var idsByName: [String: IDTYPE] = [:]
    /// The name of each ID (nil for anonymous objects), as cgraph reference-counted strings:
    /// cgraph reads flags stored in front of a name (is it HTML?) and frees them all in `agclose`.
    /// ID 0 is never handed out.
    private var names: [UnsafeMutablePointer<CChar>?] = [nil]

    init() {
        idDiscipline = .allocate(capacity: 1)
        idDiscipline.initialize(
            to: Agiddisc_t(
                open: { graph, discipline in
                    guard let owner = UnsafeMutableRawPointer(discipline)?.assumingMemoryBound(to: blast_disc_t.self).pointee.owner
                    else { return nil }
                    GraphState.from(owner).graph = graph
                    return owner
                },
                map: { state, _, name, id, create in
                    guard let state, let id else { return 0 }
                    return GraphState.from(state).map(name, to: id, creating: create != 0) ? 1 : 0
                },
                alloc: { _, _, _ in 0 },
                free: { _, _, _ in },
                print: { state, _, id in state.flatMap { GraphState.from($0).name(of: id) } },
                close: { _ in },
                idregister: { _, _, _ in }
            )
        )
        ioDiscipline = .allocate(capacity: 1)
        ioDiscipline.initialize(
            to: Agiodisc_t(
                afread: nil,
                putstr: { channel, text in
                    guard let channel, let text else { return -1 }
                    GraphState.from(channel).written.append(contentsOf: UnsafeRawBufferPointer(start: text, count: strlen(text)))
                    return 0
                },
                flush: { _ in 0 }
            )
        )
        storage = .allocate(capacity: 1)
        storage.initialize(to: blast_disc_t(base: Agdisc_t(mem: nil, id: idDiscipline, io: ioDiscipline), owner: nil))
        discipline = UnsafeMutableRawPointer(storage).assumingMemoryBound(to: Agdisc_t.self)
        storage.pointee.owner = opaque
    }

    deinit {
        storage.deallocate()
        ioDiscipline.deallocate()
        idDiscipline.deallocate()
    }

    private static func from(_ pointer: UnsafeMutableRawPointer) -> GraphState {
        Unmanaged<GraphState>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// The ID discipline's `map`: finds or, when `create` is set, hands out the next ID for
    /// `name`; anonymous objects (nil name) always get a new one.
    private func map(_ name: UnsafeMutablePointer<CChar>?, to id: UnsafeMutablePointer<IDTYPE>, creating create: Bool) -> Bool {
        guard let name else {
            id.pointee = newID(named: nil)
            return true
        }
        let key = String(cString: name)
        if let existing = idsByName[key] {
            id.pointee = existing
            return true
        }
        guard create, let graph, let copy = agstrdup(graph, name) else { return false }
        let newID = newID(named: copy)
        idsByName[key] = newID
        id.pointee = newID
        return true
    }

    private func newID(named name: UnsafeMutablePointer<CChar>?) -> IDTYPE {
        names.append(name)
        return IDTYPE(names.count - 1)
    }

    /// The ID discipline's `print`: the name an ID was handed out for.
    private func name(of id: IDTYPE) -> UnsafeMutablePointer<CChar>? {
        id < names.count ? names[Int(id)] : nil
    }
}

extension DiagramFormat {
    /// The Graphviz output device (`-T`) that writes this format, and the plugin that provides it.
    fileprivate var device: (name: String, plugin: String) {
        switch self {
        case .dot: ("dot", "core plugin")
        case .svg: ("svg", "core plugin")
        case .png: ("png:cairo", "cairo plugin (libgvplugin_pango, package libgraphviz-dev or graphviz)")
        case .pdf: ("pdf:cairo", "cairo plugin (libgvplugin_pango, package libgraphviz-dev or graphviz)")
        }
    }
}

extension String {
    /// Text as it may reach Graphviz, whose SVG writer copies `&name;` through as an entity
    /// (undefined entities make the SVG unreadable) and control characters raw (not allowed in
    /// XML 1.0): `&` becomes `&amp;`, which Graphviz turns back into `&` in every output format, and
    /// each C0 control character and DEL its visible Control Pictures symbol (ESC as `␛`).
    fileprivate var graphvizText: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 < 0x20 || $0 == 0x7F }) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x0A, 0x0D: out.unicodeScalars.append(scalar)  // already escaped where a label needs it
            case 0..<0x20: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out += "\u{2421}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A node or subgraph name as given to cgraph: `graphvizText`, with backslashes doubled and
    /// line breaks as their Control Pictures, because `agwrite` quotes names without escaping a
    /// backslash (a name ending in `\` would swallow its closing quote and break the DOT).
    fileprivate var graphvizName: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 < 0x20 || $0 == 0x7F || $0 == 0x5C }) else { return self }
        var out = ""
        for scalar in graphvizText.unicodeScalars {
            switch scalar.value {
            case 0x5C: out += "\\\\"
            case 0x0A, 0x0D: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Calls `body` with a C copy of the string typed `char *`, as cgraph's API wants; cgraph
    /// copies what it keeps and never writes through these pointers.
    fileprivate func withMutableCString<Result>(_ body: (UnsafeMutablePointer<CChar>) -> Result) -> Result {
        withCString { body(UnsafeMutablePointer(mutating: $0)) }
    }
}
