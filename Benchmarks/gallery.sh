#!/bin/sh
# Writes every diagram kind for the samples into output/gallery/ (SVG, and PNG through Graphviz's
# cairo plugin): the pictures docs/diagrams.md describes. Usage: BLAST=.build/release/blast sh Benchmarks/gallery.sh
set -eu
BLAST=${BLAST:-.build/release/blast}
AT=${AT:-2026-11-23}
OUT=${OUT:-output/gallery}
mkdir -p "$OUT"
A=samples/acme.yaml
AWS="samples/aws/prod-authorization-details.json samples/aws/tooling-authorization-details.json samples/aws/prod-credential-report.csv samples/aws/tooling-credential-report.csv samples/aws/inventory.yaml"
K8S="samples/k8s/cluster.yaml samples/k8s/kubeconfig-ci.yaml"
draw() { # name, then the command's arguments; exit 1 (a "no") is an answer, not a failure
    name=$1; shift
    for ext in svg png; do
        "$BLAST" "$@" --at "$AT" -o "$OUT/$name.$ext" 2>/dev/null || [ $? -eq 1 ]
    done
    echo "$OUT/$name.{svg,png}"
}
draw 01-radius-deploy-token radius $A --from deploy-token
draw 02-radius-frank-mfa-eligible radius $A --from frank --mfa
draw 03-who-can-customers who-can $A --reach prod/db/customers --action read
draw 04-can-yes can $A --from dave --action deploy --on prod/app/web
draw 05-can-no-approval can $A --from remediator-key --action close --on tickets/support
draw 06-path path $A --from ci-runner-token --to prod/db/customers
draw 07-what-if-remove-assume what-if $A --from ci-runner-token --remove-assume ci-runner:deploy-bot
draw 08-diff-pr diff $A -- $A samples/acme-pr.yaml
draw 09-chokepoints chokepoints $A --from-all-credentials --to-criticality critical
draw 10-rank rank $A --top 5 --by critical
draw 11-render-whole render $A
draw 12-radius-aws-ci-key radius $AWS --from AKIAEXAMPLECIDEPLOY1
draw 13-path-aws path $AWS --from AKIAEXAMPLEDANA00001 --to arn:aws:iam::111111111111:role/lambda-admin
draw 14-radius-k8s-ci radius $K8S --from k8s:prod:kubeconfig:ci-builder
draw 15-diff-pr-reverted diff $A samples/acme-pr.yaml -- $A
"$BLAST" generate --identities 2000 --seed 7 -o "$OUT/org-2k.json" 2>/dev/null
draw 16-render-org-2k render "$OUT/org-2k.json"
draw 17-who-can-org-2k who-can "$OUT/org-2k.json" --reach org/p0/db/r0
"$BLAST" report $A --at "$AT" --usage samples/acme-usage.csv --ignore samples/acme-ignore.yaml -o "$OUT/report" >/dev/null
echo "$OUT/report/"
