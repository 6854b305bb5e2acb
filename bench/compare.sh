#!/usr/bin/env bash
# Side-by-side benchmark: HistoryBot (`historybot bench`) against Apache Lucene 4.10 (bench/java/LuceneBench.java) on
# the same corpus and queries, alternating runs so both see the same machine load; prints the medians.
#
# Usage: bench/compare.sh GENERATED_DIR [RUNS] [MODE]
#   GENERATED_DIR holds articles/ and queries.tsv (e.g. from a corpus generator); RUNS defaults to 3; MODE to search.
# Needs: the .NET SDK, a JDK, and Debian's liblucene4.10-java (apt-get install -y liblucene4.10-java).
set -euo pipefail
data=${1:?usage: bench/compare.sh GENERATED_DIR [RUNS] [MODE]}
runs=${2:-3}
mode=${3:-search}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/historybot-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
jars=/usr/share/java/lucene-core-4.10.4.jar:/usr/share/java/lucene-analyzers-common-4.10.4.jar:/usr/share/java/lucene-queryparser-4.10.4.jar

dotnet build "$repo/src/HistoryBot/HistoryBot.csproj" -c Release -o "$work/hb" >/dev/null
javac -nowarn -d "$work/java" -cp "$jars" "$here/java/LuceneBench.java" 2>/dev/null

for i in $(seq 1 "$runs"); do
  echo "run $i/$runs: lucene-java" >&2
  rm -rf "$work/jidx"
  java -cp "$work/java:$jars" LuceneBench "$data/articles" "$data/queries.tsv" "$work/jidx" >"$work/java-$i.json"
  rm -rf "$work/jidx"
  echo "run $i/$runs: historybot ($mode)" >&2
  dotnet "$work/hb/historybot.dll" bench --corpus "$data/articles" --queries "$data/queries.tsv" --mode "$mode" --min-seconds 0 --json >"$work/hb-$i.json"
done

python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
keys = ["passages", "passagesPerSecond", "indexSeconds", "indexBytes", "p50Ms", "p95Ms", "p99Ms", "queriesPerSecond", "peakWorkingSetBytes"]
def med(name):
    rows = [json.load(open(f"{work}/{name}-{i}.json")) for i in range(1, runs + 1)]
    return {k: statistics.median(r[k] for r in rows) for k in keys}
java, hb = med("java"), med("hb")
print("| engine | passages | index passages/s | index MB | query p50 ms | p95 ms | p99 ms | queries/s | peak MB |")
print("|---|---|---|---|---|---|---|---|---|")
for name, m in (("Apache Lucene 4.10 (Java)", java), ("HistoryBot (Lucene.Net 4.8)", hb)):
    print(f"| {name} | {m['passages']:,.0f} | {m['passagesPerSecond']:,.0f} | {m['indexBytes']/1e6:.1f} | {m['p50Ms']:.3f} | "
          f"{m['p95Ms']:.3f} | {m['p99Ms']:.3f} | {m['queriesPerSecond']:,.0f} | {m['peakWorkingSetBytes']/2**20:,.0f} |")
print(f"\nratios HistoryBot/Java: p50 {hb['p50Ms']/java['p50Ms']:.2f}x, p99 {hb['p99Ms']/java['p99Ms']:.2f}x, "
      f"index rate {hb['passagesPerSecond']/java['passagesPerSecond']:.2f}x, index size {hb['indexBytes']/java['indexBytes']:.2f}x")
PY
