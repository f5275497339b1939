#!/usr/bin/env bash
# Load benchmark of `paperboy serve` with wrk on loopback: the daily page, a paper page, search (1,000 distinct
# SciFact claims, cycled by search.lua), the API, and a static file of the same Kestrel as the ceiling.
# Usage: bench/web/run-wrk.sh [corpus.jsonl.gz] [seconds per run]   (default: the 75k arXiv sample, 15 s)
# Writes bench/results/web-load.md. Embedders default to the hashing test embedder (PAPERBOY__EMBEDDERS to change):
# embedding 75k papers with the real models takes about an hour, and a real model adds its query embedding to search.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
corpus=${1:-../shared/data/arxiv/arxiv-metadata-75k.jsonl.gz}
seconds=${2:-15}
connections=${WRK_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "run-wrk.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f "$corpus" ] || { echo "run-wrk.sh: corpus $corpus not found" >&2; exit 1; }

dotnet build -c Release src/Paperboy.Cli -v quiet -nologo >/dev/null
paperboy=(dotnet "$repo/src/Paperboy.Cli/bin/Release/net10.0/paperboy.dll")
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

"${paperboy[@]}" --data "$work/data" import "$corpus" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
PAPERBOY__EMBEDDERS=${PAPERBOY__EMBEDDERS:-hashing} PAPERBOY__SEARCHPERMITSPERWINDOW=1000000000 Logging__LogLevel__Default=Warning \
  "${paperboy[@]}" --data "$work/data" serve --urls "$base" >"$work/serve.log" 2>&1 &
server=$!
until curl -sf "$base/healthz" | python3 -c 'import json,sys; h=json.load(sys.stdin); sys.exit(0 if h["keywordLag"]==0 and h["keywordSequence"]>0 and h["embeddingBacklog"]==0 else 1)' 2>/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 1
done

python3 - "$work/queries.txt" <<'PY'
import json, sys
with open("../shared/data/beir-scifact/queries.jsonl") as f, open(sys.argv[1], "w") as out:
    for i, line in enumerate(f):
        if i == 1000: break
        out.write(json.loads(line)["text"].replace("\n", " ") + "\n")
PY
day=$(curl -s "$base/api/daily_papers?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["paper"]["listedOn"])')
paper=$(curl -s "$base/api/daily_papers?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["paper"]["url"])')
css=$(curl -s "$base/" | grep -o '/assets/site.css?v=[0-9a-f]*' | head -1)

run() { # name, path, [lua]
  local extra=()
  [ -n "${3:-}" ] && extra=(-s "$3")
  local out
  out=$(PAPERBOY_QUERIES="$work/queries.txt" PAPERBOY_SEARCH_PATH="${4:-/search?q=}" wrk -t2 -c"$connections" -d"${seconds}s" --latency "${extra[@]}" "$base$2")
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '| %s | `%s` | %s | %s |\n' "$1" "$2" "$rps" "$p99"
}

table=$(
  run "static file (ceiling)" "$css"
  run "daily page" "/papers/date/$day"
  run "paper page" "$paper"
  run "API daily_papers" "/api/daily_papers?date=$day&limit=30"
  run "search page (1,000 claims)" "/search?q=x" bench/web/search.lua "/search?q="
  run "API search (1,000 claims)" "/api/papers/search?q=x" bench/web/search.lua "/api/papers/search?limit=10&q="
)
papers=$(curl -s "$base/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["papers"])')
load=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
mkdir -p bench/results
cat > bench/results/web-load.md <<MD
# Web load (wrk against paperboy serve on loopback)

Machine: $cpu, $(nproc) cores (load average $load at the end of the run); $(date -u +%Y-%m-%d).
Corpus: $(basename "$corpus") ($papers papers); embedders: ${PAPERBOY__EMBEDDERS:-hashing}; wrk -t2 -c$connections -d${seconds}s, sharing the cores with the server.
Command: \`bench/web/run-wrk.sh $*\`

| what | path | requests/s | p99 latency |
|---|---|---|---|
$table

Notes: the daily page, the paper page and the API's daily_papers are answered from the output cache after their first
request (keyed by the store and vector versions; see docs/web.md); search is never cached: each request runs the
keyword and semantic legs, fuses them, reads the hits from the store and highlights them.
MD
cat bench/results/web-load.md
