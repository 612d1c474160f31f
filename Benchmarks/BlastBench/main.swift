// blast-bench: measures one model end to end and prints the figures as JSON.
//
//   blast-bench MODEL.json [--queries N] [--search-queries N] [--who-can-queries N] [--seed S] [--at DATE] [--no-rank] [--no-render]
//
// Load (read + decode + validate), compile, peak memory, radius latency (search only and full
// answer) over N random valid credentials, who-can latency over N random critical resources,
// rank over every source, and the render time of one radius diagram. Run by Benchmarks/bench.py.
import BlastCore
import BlastImport
import BlastRender
import Foundation

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    guard !xs.isEmpty else { return 0 }
    let s = xs.sorted()
    return s[min(s.count - 1, Int(Double(s.count - 1) * p + 0.5))]
}

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let k = args.firstIndex(of: name), k + 1 < args.count else { return nil }
    defer { args.removeSubrange(k...k + 1) }
    return args[k + 1]
}
@MainActor func flag(_ name: String) -> Bool {
    guard let k = args.firstIndex(of: name) else { return false }
    args.remove(at: k)
    return true
}
let queries = Int(option("--queries") ?? "") ?? 200
let whoCanQueries = Int(option("--who-can-queries") ?? "") ?? min(queries, 20)
let searchQueries = Int(option("--search-queries") ?? "") ?? max(queries, 200)
var seed = UInt64(option("--seed") ?? "") ?? 42
let at = Instant(iso8601: option("--at") ?? "2026-11-23") ?? Instant(year: 2026, month: 11, day: 23)
let doRank = !flag("--no-rank")
let doRender = !flag("--no-render")
guard let path = args.first else {
    FileHandle.standardError.write(
        Data(
            "usage: blast-bench MODEL.json [--queries N] [--search-queries N] [--who-can-queries N] [--seed S] [--at DATE] [--no-rank] [--no-render]\n"
                .utf8))
    exit(64)
}

@MainActor func random(_ n: Int) -> Int {
    seed &+= 0x9E37_79B9_7F4A_7C15
    var z = seed
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(max(1, n)))
}

var out: [String: Any] = ["model": path]
do {
    let t0 = now()
    let imported = try ModelSources.load(paths: [path])
    let t1 = now()
    let graph = AccessGraph.compile(imported.validated)
    let t2 = now()
    out["load_s"] = t1 - t0
    out["compile_s"] = t2 - t1
    out["rss_after_load_mb"] = peakRSSMegabytes()
    let list = graph.edgeList()
    out["nodes"] = list.nodeCount
    out["edges"] = list.edges.count
    out["identities"] = graph.identities.count
    out["credentials"] = graph.credentials.count
    out["resources"] = graph.resources.count
    let options = QueryOptions(at: at)

    let valid = graph.credentials.indices.filter { graph.credentials[$0].isValid(at: at) }
    // The search alone (the part comparable to a library's reachability) over many starts, then
    // the whole answer over fewer.
    var search: [Double] = [], states: [Int] = [], full: [Double] = [], reached: [Int] = []
    for _ in 0..<searchQueries where !valid.isEmpty {
        let start = AccessGraph.Start.credential(CredentialID(valid[random(valid.count)]))
        let a = now()
        let e = Exploration(graph: graph, start: start, options: options)
        search.append((now() - a) * 1000)
        states.append(e.reachedStateCount)
    }
    for _ in 0..<queries where !valid.isEmpty {
        let start = AccessGraph.Start.credential(CredentialID(valid[random(valid.count)]))
        let b = now()
        let r = graph.radius(from: start, options: options)
        full.append((now() - b) * 1000)
        reached.append(r.resources.count)
    }
    out["radius_search_queries"] = search.count
    out["radius_search_states_median"] = percentile(states.map(Double.init), 0.5)
    out["radius_search_ms_median"] = percentile(search, 0.5)
    out["radius_search_ms_p99"] = percentile(search, 0.99)
    out["radius_ms_median"] = percentile(full, 0.5)
    out["radius_ms_p99"] = percentile(full, 0.99)
    out["radius_resources_median"] = percentile(reached.map(Double.init), 0.5)

    let critical = graph.resources.indices.filter { graph.resources[$0].criticality == .critical }
    var who: [Double] = []
    for _ in 0..<whoCanQueries where !critical.isEmpty {
        let r = ResourceID(critical[random(critical.count)])
        let a = now()
        _ = graph.whoCan(reach: r, action: nil, options: options)
        who.append((now() - a) * 1000)
    }
    out["who_can_ms_median"] = percentile(who, 0.5)

    if doRank {
        let a = now()
        let ranking = graph.rank(options: options, order: .weighted)
        out["rank_s"] = now() - a
        out["rank_sources"] = ranking.entries.count
    }
    if doRender, let c = valid.first {
        let r = graph.radius(from: .credential(CredentialID(c)), options: options)
        let a = now()
        let scene = SceneBuilder.radius(graph: graph, radius: r, sourceID: graph.credentials[c].id)
            .aggregatingResources(maxResources: 150)
        let svg = try GraphvizRenderer.render(scene, as: .svg)
        out["render_s"] = now() - a
        out["render_nodes"] = scene.nodes.count
        out["render_bytes"] = svg.count
    }
    out["peak_rss_mb"] = peakRSSMegabytes()
} catch {
    FileHandle.standardError.write(Data("blast-bench: \(error)\n".utf8))
    exit(1)
}
let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys, .prettyPrinted])
print(String(decoding: data, as: UTF8.self))
