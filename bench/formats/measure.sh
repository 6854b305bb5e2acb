#!/usr/bin/env bash
# Answer quality per document format: renders dev-set articles as a web page inside a site, a LibreOffice PDF and DOCX,
# and an EPUB (render.py), then runs `historybot eval` on each format's corpus and on the plain text, and prints ansq1
# side by side. Reads the shared dev set (../shared/eval/squad-dev, not shipped); needs LibreOffice for the PDF/DOCX.
#
# usage: bench/formats/measure.sh [WORK_DIR] [ARTICLE ...]     (default articles: steam-engine apollo-program jacksonville-florida)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
work="${1:-/tmp/historybot-formats}"
shift || true
articles=("$@")
[ ${#articles[@]} -gt 0 ] || articles=(steam-engine apollo-program jacksonville-florida)

rm -rf "$work" && mkdir -p "$work"
paths=()
for a in "${articles[@]}"; do paths+=("$shared/eval/squad-dev/corpus/$a.txt"); done
python3 "$root/bench/formats/render.py" "$work/corpus" "${paths[@]}"

# The questions about these articles only.
python3 - "$shared/eval/squad-dev/questions.jsonl" "$work/questions.jsonl" "${articles[@]}" <<'PY'
import json, sys
src, dst, names = sys.argv[1], sys.argv[2], {n + ".txt" for n in sys.argv[3:]}
with open(dst, "w") as out:
    for line in open(src):
        if json.loads(line)["document"] in names:
            out.write(line)
PY

dotnet build "$root/src/HistoryBot" -c Release -o "$work/app" -v q > /dev/null
printf '%-6s %s\n' format ansq1
for format in txt html pdf docx epub; do
  result=$(dotnet "$work/app/historybot.dll" eval "$work/questions.jsonl" --corpus "$work/corpus/$format" --index "$work/index-$format" ${RETRIEVAL:+--retrieval $RETRIEVAL} 2>"$work/eval-$format.err" | tee "$work/eval-$format.out" | grep -o 'ansq1[^0-9]*[0-9.]*' | head -1 | grep -o '[0-9.]*$')
  printf '%-6s %s\n' "$format" "$result"
done
