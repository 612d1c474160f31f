#!/usr/bin/env python3
"""blast on generated AWS accounts: whole-process wall time and peak memory per command.

For each size (S, M, L of `blast generate --shape aws`) this script

  1. generates the account with `blast generate --shape aws --size X --seed S -o DIR`
     (authorization-details.json, credential-report.csv, inventory.yaml),
  2. picks from the generated export an ordinary developer (a person in a `*-developers` group,
     no inline policy, no boundary, not an administrator or power user), a user who can escalate
     to admin (the one holding iam:PassRole on `role/lambda-admin`), and the critical bucket
     (`acme-prod-customer-data`),
  3. times each command as its own process, with its peak resident memory (ru_maxrss of that
     child, from wait4) and a timeout (the process is killed; the cell shows `> X s`):
     `import aws`, `radius` of the developer, `radius` of the escalating user,
     `who-can --reach <bucket> --action s3:getobject`, `rank`, `audit --format json`,
  4. prints a Markdown table and writes it to output/bench-aws/results-<size>.md, and the raw
     figures to output/bench-aws/results.json.

Build:   swift build -c release --product blast
Run:     python3 Benchmarks/aws_bench.py --sizes S            (or: make bench-aws)
         python3 Benchmarks/aws_bench.py --sizes S,M --timeout 600
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time

AT = "2026-11-23"


def timed(cmd, timeout, stdout_path):
    """Runs cmd with stdout to a file; returns dict(wall, peak_mb, rc, timeout, lines)."""
    with open(stdout_path, "wb") as out, open(stdout_path + ".err", "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
        killed = False
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid == p.pid:
                break
            if time.perf_counter() - t0 > timeout:
                os.killpg(p.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(p.pid, 0)
                killed = True
                break
            time.sleep(0.02)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    lines = 0
    with open(stdout_path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            lines += chunk.count(b"\n")
    return {"cmd": " ".join(cmd), "wall_s": wall, "peak_mb": usage.ru_maxrss / 1024, "rc": p.returncode,
            "timeout": killed, "limit_s": timeout, "lines": lines, "bytes": os.path.getsize(stdout_path)}


def pick(directory):
    with open(os.path.join(directory, "authorization-details.json")) as f:
        details = json.load(f)
    account = details["UserDetailList"][0]["Arn"].split(":")[4]
    admin_role = f"arn:aws:iam::{account}:role/lambda-admin"

    def statements(u):
        for p in u.get("UserPolicyList", []):
            yield from p["PolicyDocument"]["Statement"]

    escalating = next(u["Arn"] for u in details["UserDetailList"]
                      if any(s.get("Resource") == admin_role for s in statements(u)))
    ordinary = next(u["Arn"] for u in details["UserDetailList"]
                    if u["Path"] == "/" and not u["UserPolicyList"] and "PermissionsBoundary" not in u
                    and any(g.endswith("-developers") for g in u["GroupList"])
                    and not {"Administrators", "PowerUsers"} & set(u["GroupList"]))
    return ordinary, escalating, "arn:aws:s3:::acme-prod-customer-data"


def bench_size(size, a):
    directory = os.path.join(a.out, f"aws-{size}")
    blast = os.path.join(a.bin, "blast")
    if not os.path.exists(os.path.join(directory, "inventory.yaml")) or not a.reuse:
        subprocess.run([blast, "generate", "--shape", "aws", "--size", size, "--seed", str(a.seed), "-o", directory], check=True)
    files = [os.path.join(directory, n) for n in ("authorization-details.json", "credential-report.csv", "inventory.yaml")]
    ordinary, escalating, bucket = pick(directory)
    mb = os.path.getsize(files[0]) / 1e6
    print(f"# {size}: {directory} ({mb:.1f} MB authorization details); developer {ordinary}; escalating {escalating}", file=sys.stderr)
    steps = [
        ("`import aws`", ["import", "aws", *files, "-o", os.path.join(directory, "model.yaml")]),
        ("`radius` of an ordinary developer", ["radius", *files, "--from", ordinary, "--at", AT]),
        ("`radius` of a user who can escalate to admin", ["radius", *files, "--from", escalating, "--at", AT]),
        ("`who-can --reach <critical bucket> --action s3:getobject`", ["who-can", *files, "--reach", bucket, "--action", "s3:getobject", "--at", AT]),
        ("`rank`", ["rank", *files, "--at", AT]),
        ("`audit --format json`", ["audit", *files, "--format", "json", "--at", AT]),
    ]
    only = set(a.only.split(",")) if a.only else None
    rows = []
    for k, (name, args) in enumerate(steps):
        if only and str(k + 1) not in only:
            continue
        r = timed([blast, *args], a.timeout, os.path.join(directory, f"step{k + 1}.out"))
        r["step"] = name
        print(f"  {name}: {'> %d s' % a.timeout if r['timeout'] else '%.2f s' % r['wall_s']}, {r['peak_mb']:.0f} MB, rc {r['rc']}, {r['lines']} lines", file=sys.stderr)
        rows.append(r)
    return {"size": size, "seed": a.seed, "authorization_details_mb": mb, "developer": ordinary, "escalating": escalating,
            "bucket": bucket, "rows": rows}


def table(res):
    lines = [f"{res['size']}: seed {res['seed']}, authorization details {res['authorization_details_mb']:.1f} MB",
             "", "| command | wall | peak RSS | exit | output lines |", "|---|---:|---:|---:|---:|"]
    for r in res["rows"]:
        wall = f"> {r['limit_s']:.0f} s (killed)" if r["timeout"] else f"{r['wall_s']:.2f} s"
        peak = "" if r["timeout"] else (f"{r['peak_mb'] / 1024:.2f} GB" if r["peak_mb"] >= 1024 else f"{r['peak_mb']:.0f} MB")
        lines.append(f"| {r['step']} | {wall} | {peak} | {'' if r['timeout'] else r['rc']} | {'' if r['timeout'] else format(r['lines'], ',')} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="S", help="comma-separated: S, M, L (default S)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--timeout", type=float, default=600, help="per command, seconds (default 600)")
    ap.add_argument("--bin", default=".build/release", help="directory holding the blast binary")
    ap.add_argument("--out", default="output/bench-aws")
    ap.add_argument("--only", default="", help="comma-separated step numbers 1-6 (default all)")
    ap.add_argument("--reuse", action="store_true", help="keep an already generated account")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    results = []
    for size in a.sizes.split(","):
        res = bench_size(size.strip().upper(), a)
        results.append(res)
        text = table(res)
        print(text + "\n")
        with open(os.path.join(a.out, f"results-{res['size']}.md"), "w") as f:
            f.write(text + "\n")
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
