#!/usr/bin/env python3
"""blast benchmark: blast against networkx and igraph on the same generated organisation.

For each size (in explanation-graph edges) this script

  1. generates a synthetic organisation with `blast generate --identities N --seed S`,
     where N = edges / 3.3 (the generator makes about 3.3 explanation-graph edges per identity:
     measured: N = 3,030 gives 10,606 edges; N = 303,030 gives 1,109,111),
  2. exports its explanation graph with `blast export --format edges` (`u v` per line,
     credentials are nodes 0..C-1),
  3. exports the model as a binary snapshot (`blast export --format snapshot`) and runs
     `blast-bench` on it (load, compile, peak memory, radius search and full answer, who-can,
     rank, render), skipping `rank` when the prediction from the smaller sizes exceeds
     --rank-budget; then times loading and compiling the JSON model too,
  4. runs networkx and igraph, each in its own subprocess, on the edge list: load + build time,
     peak RSS (ru_maxrss), one forward reachability from a credential (median and p99 over the
     same seeded random credential starts for both libraries), and reachability counts from
     every credential extrapolated from a timed sample (sum over --sample starts x C / sample),
  5. prints a markdown table with the ratios (library / blast) and writes it to
     output/bench/results-<edges>.md, and all raw figures to output/bench/results.json.

Every external step has a timeout; a step that runs out shows as "timeout (>X s)" and the run
goes on. Seeds are fixed, so two runs do the same work.

Setup (once):   pip install igraph            # networkx 3.x is assumed present; else pip install networkx
Build:          swift build -c release --scratch-path .build-bench --product blast
                swift build -c release --scratch-path .build-bench --product blast-bench
Run:            python3 Benchmarks/bench.py --sizes 1e5,1e6      (or: make bench)
Tiny run:       python3 Benchmarks/bench.py --sizes 2e3 --quick
"""

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import time

EDGES_PER_IDENTITY = 3.3


# --------------------------------------------------------------------------------------------
# Library workers: run in a subprocess (`bench.py --worker networkx|igraph ...`) so that each
# library's peak RSS is its own. They print one JSON object per finished phase, flushed, so a
# timeout still keeps the phases that finished.

def worker(lib, path, starts, sample):
    def emit(**fields):
        print(json.dumps(fields), flush=True)

    def rss_mb():
        # VmHWM is this process's own peak; ru_maxrss would carry the parent's across exec.
        try:
            with open("/proc/self/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    if lib == "networkx":
        import networkx as nx
    else:
        import igraph
    base = rss_mb()
    t0 = time.perf_counter()
    if lib == "networkx":
        with open(path, "rb") as f:
            header = f.readline().decode()
            nodes = int(header.split("nodes=")[1].split()[0])
            g = nx.DiGraph()
            g.add_nodes_from(range(nodes))
            g.add_edges_from((int(u), int(v)) for u, v in (line.split() for line in f))
        def reach(s):
            return len(nx.descendants(g, s)) + 1
    else:
        # Unbuffered, so the header line is consumed exactly and igraph's C reader takes the rest.
        with open(path, "rb", buffering=0) as f:
            header = f.readline().decode()
            nodes = int(header.split("nodes=")[1].split()[0])
            g = igraph.Graph.Read_Edgelist(f, directed=True)
        if g.vcount() < nodes:
            g.add_vertices(nodes - g.vcount())
        def reach(s):
            return len(g.subcomponent(s, mode="out"))
    load_s = time.perf_counter() - t0
    emit(phase="load", load_s=load_s, rss_after_load_mb=rss_mb(), rss_import_mb=base)

    times, sizes = [], []
    for s in starts:
        a = time.perf_counter()
        sizes.append(reach(s))
        times.append((time.perf_counter() - a) * 1000)
    emit(phase="reach", reach_ms=times, reach_sizes=sizes)

    a = time.perf_counter()
    for s in starts[:sample]:
        reach(s)
    emit(phase="all", sample=min(sample, len(starts)), sample_s=time.perf_counter() - a, peak_rss_mb=rss_mb())


# --------------------------------------------------------------------------------------------
# Driver

class Timeout(Exception):
    def __init__(self, limit, partial=""):
        self.limit, self.partial = limit, partial


def run(cmd, timeout):
    """Runs cmd; returns (stdout, seconds). Raises Timeout (with partial stdout) or RuntimeError."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, text=True)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        raise Timeout(timeout, out)
    if p.returncode == -9:
        raise RuntimeError(f"killed by SIGKILL after {time.perf_counter() - t0:.0f} s (out of memory?)")
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()[-500:]}")
    return p.stdout, time.perf_counter() - t0


def pct(xs, p):
    if not xs:
        return None
    s = sorted(xs)
    return s[min(len(s) - 1, int((len(s) - 1) * p + 0.5))]


def parse_size(text):
    return int(float(text))


def fmt(x, unit=""):
    if x is None:
        return "—"
    if isinstance(x, str):
        return x
    if isinstance(x, int):
        return f"{x:,}{unit}"
    if x == 0:
        return "0" + unit
    if abs(x) >= 100:
        return f"{x:,.0f}{unit}"
    if abs(x) >= 10:
        return f"{x:.1f}{unit}"
    if abs(x) >= 1:
        return f"{x:.2f}{unit}"
    return f"{x:.3g}{unit}"


def ratio(lib, blast):
    if not isinstance(lib, (int, float)) or not isinstance(blast, (int, float)) or blast <= 0:
        return "—"
    v = lib / blast
    if v >= 10:
        return f"{v:.0f}×"
    if v >= 0.1:
        return f"{v:.1f}×"
    return f"{v:.{1 - math.floor(math.log10(v))}f}×"  # two significant digits, no exponent


def human(n):
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if n >= div:
            v = n / div
            return (f"{v:.0f}" if v == int(v) else f"{v:.3g}") + suffix
    return str(n)


def predict(history, key, identities, power):
    """Extrapolates a blast figure from the largest smaller size measured (cost ~ N^power)."""
    known = [(h["identities"], h[key]) for h in history if isinstance(h.get(key), (int, float)) and h["identities"] > 0]
    if not known:
        return None
    n0, v0 = max(known)
    return v0 * (identities / n0) ** power


def bench_size(edges, a, history):
    n = max(10, round(edges / EDGES_PER_IDENTITY))
    tag = human(edges)
    model = os.path.join(a.out, f"org-{tag}.json")
    edgefile = os.path.join(a.out, f"org-{tag}.edges")
    snapshot = os.path.join(a.out, f"org-{tag}.blastsnap")
    res = {"target_edges": edges, "identities": n, "seed": a.seed, "steps": {}}
    log = lambda msg: print(f"[{tag}] {msg}", file=sys.stderr, flush=True)

    # 1-2. generate and export (setup, not the measured work; timed for the record)
    try:
        if not (a.reuse and os.path.exists(model)):
            _, s = run([a.blast, "generate", "--identities", str(n), "--seed", str(a.seed), "-o", model], a.timeout)
            res["steps"]["generate_s"] = s
        if not (a.reuse and os.path.exists(edgefile)):
            _, s = run([a.blast, "export", model, "--format", "edges", "-o", edgefile], a.timeout)
            res["steps"]["export_s"] = s
        if a.snapshot and not (a.reuse and os.path.exists(snapshot)):
            _, s = run([a.blast, "export", model, "--format", "snapshot", "-o", snapshot], a.timeout)
            res["steps"]["snapshot_s"] = s
    except Timeout as t:
        res["error"] = f"setup timeout (>{t.limit:.0f} s)"
        log(res["error"])
        return res
    except RuntimeError as e:
        res["error"] = f"setup failed: {e}"
        log(res["error"])
        return res
    res["model_mb"] = os.path.getsize(model) / 2**20
    if a.snapshot:
        res["snapshot_mb"] = os.path.getsize(snapshot) / 2**20
    with open(edgefile) as f:
        header = f.readline()
    fields = dict(kv.split("=") for kv in header.split(":")[1].split())
    res.update(nodes=int(fields["nodes"]), edges=int(fields["edges"]), credentials=int(fields["credentials"]))
    log(f"N={n} identities: {res['nodes']} nodes, {res['edges']} edges, {res['credentials']} credentials, model {res['model_mb']:.1f} MB")

    # 3. blast-bench, on the snapshot (the fast way to load; the JSON load is timed separately).
    # Costs that grow faster than the graph are predicted from the previous size
    # (cost ~ N^--growth) and kept within their budgets: fewer radius queries (at least
    # --min-queries), fewer who-can queries (at least 1), and rank only when it fits --rank-budget.
    queries = a.queries
    radius_pred = predict(history, "radius_pair_ms", n, a.growth)
    if radius_pred and radius_pred / 1000 * queries > a.radius_budget:
        queries = max(a.min_queries, int(a.radius_budget / (radius_pred / 1000)))
        res["queries_reduced"] = f"{queries} full radius answers (predicted {radius_pred / 1000:.1f} s per search + full answer)"
        log(res["queries_reduced"])
    res["blast_queries"] = queries
    cmd = [a.bench, snapshot if a.snapshot else model, "--queries", str(queries), "--search-queries", str(a.search_queries),
           "--seed", str(a.seed), "--at", a.at]
    rank_pred = predict(history, "rank_s", n, a.growth)
    res["rank_predicted_s"] = rank_pred
    if a.no_rank or (rank_pred is not None and rank_pred > a.rank_budget) or (rank_pred is None and edges > a.rank_max_edges):
        cmd.append("--no-rank")
        why = "--no-rank given" if a.no_rank else (
            f"predicted {rank_pred:.0f} s > budget {a.rank_budget:.0f} s (N^{a.growth} from the previous size)"
            if rank_pred is not None else f"no smaller size measured and edges > {a.rank_max_edges:.0g}")
        res["rank_in_bench_skipped"] = why
        log(f"rank not run: {why}")
    who_pred = predict(history, "who_can_ms_median", n, a.growth)
    res["who_can_predicted_ms"] = who_pred
    who_count = 0 if a.no_who_can else (20 if who_pred is None else max(1, min(20, int(a.who_can_budget / max(who_pred / 1000, 1e-9)))))
    res["who_can_queries"] = who_count
    cmd += ["--who-can-queries", str(who_count)]
    if a.no_render:
        cmd.append("--no-render")
    log("blast-bench " + " ".join(cmd[1:]))
    b = {}
    try:
        out, s = run(cmd, a.bench_timeout)
        b = res["blast"] = json.loads(out)
        res["steps"]["blast_bench_s"] = s
        res["radius_pair_ms"] = b["radius_search_ms_median"] + b["radius_ms_median"]
        if "rank_s" in b:
            res["rank_s"] = b["rank_s"]
        if who_count > 0 and "who_can_ms_median" in b:
            res["who_can_ms_median"] = b["who_can_ms_median"]
        if who_count == 0:
            b["who_can_ms_median"] = "not run"
        log(f"blast: load {b['load_s']:.2f} s, compile {b['compile_s']:.2f} s, "
            f"radius search {b['radius_search_ms_median']:.3f} ms, peak {b['peak_rss_mb']:.0f} MB ({s:.0f} s)")
    except Timeout as t:
        res["blast"] = {"error": f"timeout (>{t.limit:.0f} s)"}
        log(res["blast"]["error"])
    except (RuntimeError, ValueError) as e:
        res["blast"] = {"error": str(e)}
        log(str(e))
    if a.snapshot:
        # The same model loaded from its JSON text: load and compile only.
        try:
            out, s = run([a.bench, model, "--queries", "0", "--search-queries", "0", "--who-can-queries", "0",
                          "--no-rank", "--no-render"], a.bench_timeout)
            j = json.loads(out)
            res["json_load"] = {k: j[k] for k in ("load_s", "compile_s", "peak_rss_mb")}
            log(f"blast from JSON: load {j['load_s']:.2f} s, compile {j['compile_s']:.2f} s, peak {j['peak_rss_mb']:.0f} MB")
        except (Timeout, RuntimeError, ValueError) as e:
            res["json_load"] = {"error": f"timeout (>{e.limit:.0f} s)" if isinstance(e, Timeout) else str(e)}

    # 4. the libraries, on the same seeded credential starts
    rng = random.Random(a.seed)
    c = res["credentials"] or res["nodes"]
    starts = [rng.randrange(c) for _ in range(a.lib_queries)]
    res["starts"] = {"count": len(starts), "seed": a.seed, "first": starts[:5]}
    for lib in a.libs:
        r = res[lib] = {}
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", lib, "--edge-file", edgefile,
               "--starts", ",".join(map(str, starts)), "--sample", str(a.sample)]
        limit = a.lib_timeout
        try:
            out, s = run(cmd, limit)
        except Timeout as t:
            out, s = t.partial, None
            r["timeout"] = f"timeout (>{t.limit:.0f} s)"
        except RuntimeError as e:
            out, s = "", None
            r["error"] = str(e)
        for line in out.splitlines():
            try:
                r.update(json.loads(line))
            except ValueError:
                pass
        r.pop("phase", None)
        if "reach_ms" in r:
            ms = r.pop("reach_ms")
            r["reach_ms_median"], r["reach_ms_p99"] = pct(ms, 0.5), pct(ms, 0.99)
            r["reach_size_median"] = pct(r.pop("reach_sizes"), 0.5)
        if "sample_s" in r:
            r["all_credentials_s_extrapolated"] = r["sample_s"] * res["credentials"] / max(1, r["sample"])
        r["wall_s"] = s
        r["queries"] = len(starts)
        log(f"{lib}: " + ", ".join(f"{k} {fmt(v)}" for k, v in r.items() if k in ("load_s", "reach_ms_median", "peak_rss_mb", "timeout", "error")))
    return res


def table(res, a):
    b = res.get("blast", {})
    libs = [l for l in ("networkx", "igraph") if l in res]
    tag = human(res["target_edges"])
    def cell(lib, key):
        r = res[lib]
        if key in r:
            return r[key]
        return r.get("timeout") or r.get("error") or None
    blast_load = b["load_s"] + b["compile_s"] if "load_s" in b else b.get("error")
    j = res.get("json_load", {})
    json_load = j["load_s"] + j["compile_s"] if "load_s" in j else j.get("error")
    blast_all = b.get("rank_s", "not run")
    snap = str(b.get("model", "")).endswith(".blastsnap")
    rows = [
        ("load + build (s)¹" + (", binary snapshot" if snap else ""), blast_load, "load_s"),
    ]
    if "json_load" in res:
        rows.append(("load + build (s)¹, JSON model", json_load, "load_s"))
    rows += [
        ("peak RSS (MB)", b.get("peak_rss_mb"), "peak_rss_mb"),
        ("one reachability, median (ms)²", b.get("radius_search_ms_median"), "reach_ms_median"),
        ("one reachability, p99 (ms)²", b.get("radius_search_ms_p99"), "reach_ms_p99"),
        ("all credentials (s)³", blast_all, "all_credentials_s_extrapolated"),
    ]
    if not isinstance(blast_all, (int, float)) and "radius_search_ms_median" in b:
        rows.append(("all credentials, blast extrapolated: search median × C (s)",
                     b["radius_search_ms_median"] / 1000 * res["credentials"], "all_credentials_s_extrapolated"))
    lines = [
        f"### {tag} edges — {res.get('nodes', '?'):,} nodes, {res.get('edges', '?'):,} edges, "
        f"{res['identities']:,} identities, {res.get('credentials', '?'):,} credentials, model {res.get('model_mb', 0):.0f} MB JSON"
        + (f", {res['snapshot_mb']:.0f} MB snapshot" if "snapshot_mb" in res else ""),
        "",
        "| work | blast | " + " | ".join(f"{l} | {l} ÷ blast" for l in libs) + " |",
        "|---|---:|" + "---:|---:|" * len(libs),
    ]
    for name, bv, key in rows:
        cells = [fmt(bv) if not isinstance(bv, str) else bv]
        for l in libs:
            v = cell(l, key)
            cells += [fmt(v), ratio(v, bv)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    extra = [
        ("full radius answer, median / p99 (ms)⁴", b.get("radius_ms_median"), b.get("radius_ms_p99")),
        ("who-can, median (ms)", b.get("who_can_ms_median"), None),
        ("render one radius diagram (s)", b.get("render_s"), None),
    ]
    for name, v, v2 in extra:
        s = fmt(v) + (f" / {fmt(v2)}" if v2 is not None else "")
        lines.append(f"| {name} | {s} | " + " | ".join("—" for _ in libs for _ in (0, 1)) + " |")
    lines += [""]
    notes = [
        "¹ blast: read + decode + validate the model (its binary snapshot from `blast export --format snapshot`, "
        "or the native JSON), then compile (`load_s + compile_s`); libraries: read the exported edge list and build the graph.",
        f"² blast: the radius search only, over {b.get('radius_search_queries', res.get('blast_queries', a.queries))} random valid credentials (blast-bench seed {res.get('seed', a.seed)}); "
        f"libraries: descendants of {next((res[l].get('queries') for l in libs if res[l].get('queries')), a.lib_queries)} "
        f"seeded random credential nodes (seed {res.get('seed', a.seed)}, same starts for both).",
        "³ blast: `rank` over every credential and identity"
        + (f" ({b['rank_sources']} sources), measured, exact; " if b.get("rank_sources") else "; ")
        +
        "libraries: {0} timed starts × C / {0}, extrapolated.".format(next((res[l]["sample"] for l in libs if res[l].get("sample")), a.sample)),
        f"⁴ blast only: the whole answer (eligible second search, per-resource actions and proofs), over {res.get('blast_queries', a.queries)} credentials"
        + (f"; who-can over {res['who_can_queries']} random critical resources." if res.get("who_can_queries") else "."),
    ]
    for key, text in (("queries_reduced", "blast-bench ran {}."), ("rank_in_bench_skipped", "rank not run: {}.")):
        if key in res:
            notes.append(text.format(res[key]))
    for l in libs:
        if res[l].get("from_previous_run"):
            notes.append(f"{l}: figures from the run of {res[l]['from_previous_run']} on the same edge list.")
    notes += res.get("notes", [])
    if b.get("radius_resources_median") is not None:
        notes.append(f"median radius: {b['radius_resources_median']:.0f} resources (blast); "
                     + ", ".join(f"{l} reaches {fmt(res[l].get('reach_size_median'))} nodes (median)" for l in libs) + ".")
    return "\n".join(lines + notes) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1e4,1e5,1e6", help="edge counts, comma-separated (default 1e4,1e5,1e6)")
    p.add_argument("--quick", action="store_true", help="tiny smoke run: few queries, short timeouts")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--at", default="2026-11-23")
    p.add_argument("--queries", type=int, default=200, help="blast-bench radius queries")
    p.add_argument("--lib-queries", type=int, default=200, help="library reachability queries")
    p.add_argument("--sample", type=int, default=20, help="starts timed for the all-credentials extrapolation")
    p.add_argument("--libs", default="networkx,igraph")
    p.add_argument("--bin", default=None, help="directory with blast and blast-bench (default .build-bench/release)")
    p.add_argument("--out", default="output/bench")
    p.add_argument("--timeout", type=float, default=900, help="generate / export timeout, s")
    p.add_argument("--bench-timeout", type=float, default=1200, help="blast-bench timeout, s")
    p.add_argument("--lib-timeout", type=float, default=600, help="per-library timeout, s")
    p.add_argument("--rank-budget", type=float, default=600, help="skip rank when predicted above this, s")
    p.add_argument("--rank-max-edges", type=float, default=2e5, help="with no smaller size to predict from, rank only up to this")
    p.add_argument("--who-can-budget", type=float, default=120, help="time allowed for who-can queries, s")
    p.add_argument("--radius-budget", type=float, default=150, help="time allowed for blast-bench's radius queries, s")
    p.add_argument("--min-queries", type=int, default=10, help="radius queries never fewer than this")
    p.add_argument("--search-queries", type=int, default=200, help="blast-bench radius searches (the search alone)")
    p.add_argument("--growth", type=float, default=1.3, help="predict a size's costs from the previous one as N^growth")
    p.add_argument("--json", dest="snapshot", action="store_false",
                   help="run blast-bench on the JSON model instead of its binary snapshot")
    p.add_argument("--no-rank", action="store_true")
    p.add_argument("--no-render", action="store_true")
    p.add_argument("--no-who-can", action="store_true", help="no who-can queries")
    p.add_argument("--reuse", action="store_true", help="reuse generated models and edge lists in --out")
    p.add_argument("--tables-only", action="store_true", help="rewrite the markdown tables from results.json and stop")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--edge-file", help=argparse.SUPPRESS)
    p.add_argument("--starts", help=argparse.SUPPRESS)
    a = p.parse_args()

    if a.worker:
        worker(a.worker, a.edge_file, [int(x) for x in a.starts.split(",") if x], a.sample)
        return

    if a.tables_only:
        # Rewrites results-<edges>.md from results.json (after a note was corrected by hand, say).
        with open(os.path.join(a.out, "results.json")) as f:
            saved = json.load(f)
        for tag, res in saved.items():
            md = table(res, a)
            date = res.get("machine", {}).get("date", "")
            with open(os.path.join(a.out, f"results-{tag}.md"), "w") as f:
                f.write(f"<!-- blast bench.py, {date}, {res.get('machine', {}).get('cpus')} CPUs, seed {res.get('seed')} -->\n\n" + md)
            print(md)
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bindir = a.bin or os.path.join(root, ".build-bench", "release")
    a.blast, a.bench = os.path.join(bindir, "blast"), os.path.join(bindir, "blast-bench")
    for exe in (a.blast, a.bench):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench.py: {exe} not found; build with\n"
                     f"  swift build -c release --scratch-path .build-bench --product blast\n"
                     f"  swift build -c release --scratch-path .build-bench --product blast-bench")
    a.libs = [l for l in a.libs.split(",") if l]
    # Checked in a subprocess: this process stays small, because a child's ru_maxrss (which
    # blast-bench reports) starts from the parent's resident size at fork.
    versions = {}
    for lib in a.libs:
        p = subprocess.run([sys.executable, "-c", f"import {lib}; print({lib}.__version__)"], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"bench.py: python module {lib} missing; pip install {lib}")
        versions[lib] = p.stdout.strip()
    if a.quick:
        a.queries, a.lib_queries, a.sample = min(a.queries, 20), min(a.lib_queries, 20), min(a.sample, 5)
        a.timeout, a.bench_timeout, a.lib_timeout = min(a.timeout, 120), min(a.bench_timeout, 120), min(a.lib_timeout, 120)
    os.makedirs(a.out, exist_ok=True)

    sizes = sorted(parse_size(s) for s in a.sizes.split(","))
    machine = {"cpus": os.cpu_count(), "platform": sys.platform, "python": sys.version.split()[0],
               "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    machine.update(versions)
    try:
        with open("/proc/cpuinfo") as f:
            machine["cpu"] = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), None)
        with open("/proc/meminfo") as f:
            machine["memory_gb"] = round(int(f.readline().split()[1]) / 2**20, 1)
    except (OSError, ValueError):
        pass
    results_path = os.path.join(a.out, "results.json")
    try:
        with open(results_path) as f:
            all_results = json.load(f)
    except (OSError, ValueError):
        all_results = {}
    history = []
    started = time.perf_counter()
    for edges in sizes:
        res = bench_size(edges, a, history)
        res["machine"] = machine
        # A run with fewer libraries (e.g. --libs '' to re-measure blast alone) keeps the others'
        # figures from the previous run on the same size and seed, marked as such.
        previous = all_results.get(human(edges), {})
        if previous.get("seed") == a.seed and previous.get("edges") == res.get("edges"):
            for lib in ("networkx", "igraph"):
                if lib not in res and lib in previous:
                    res[lib] = dict(previous[lib], from_previous_run=previous.get("machine", {}).get("date"))
        history.append(res)
        md = table(res, a) if "error" not in res else f"### {human(edges)} edges\n\n{res['error']}\n"
        print(md, flush=True)
        with open(os.path.join(a.out, f"results-{human(edges)}.md"), "w") as f:
            f.write(f"<!-- blast bench.py, {machine['date']}, {machine['cpus']} CPUs, seed {a.seed} -->\n\n" + md)
        all_results[human(edges)] = res
        with open(results_path, "w") as f:
            json.dump(all_results, f, indent=2, sort_keys=True)
    print(f"total {time.perf_counter() - started:.0f} s; tables in {a.out}/results-*.md, figures in {results_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
