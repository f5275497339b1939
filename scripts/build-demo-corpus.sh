#!/usr/bin/env bash
# Rebuilds src/Paperboy.Engine/Demo/demo-corpus.jsonl.gz with Paperboy's own importers:
# the papers of ../shared/data/hf-search-pages/ plus the last ten listing days of the arXiv sample (CC0).
# Then embeds it with the default model and ships the vectors (src/Paperboy.Engine/Demo/demo-vectors.*.pbvec), so that
# semantic search works at the first start (about 2-3 minutes per model on 2 cores). Needs jq. Run from the repository root.
set -euo pipefail
shared=../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
paperboy() { dotnet run -c Release --project src/Paperboy.Cli -- "$@"; }

first_day=$(zcat "$shared/arxiv/arxiv-metadata-75k.jsonl.gz" | jq -r .update_date | sort -u | tail -n 10 | head -n 1)
echo "last ten listing days start on $first_day"
paperboy --data "$work/arxiv" import "$shared/arxiv/arxiv-metadata-75k.jsonl.gz"
paperboy --data "$work/arxiv" export --listed-since "$first_day" -o "$work/recent.jsonl"
paperboy --data "$work/demo" import "$work/recent.jsonl" "$shared/hf-search-pages/"
paperboy --data "$work/demo" export -o src/Paperboy.Engine/Demo/demo-corpus.jsonl.gz
paperboy --data "$work/demo" stats
rm -f src/Paperboy.Engine/Demo/demo-vectors.*.pbvec
for model in all-minilm-l6-v2; do
  paperboy --data "$work/demo" index --embedder "$model"
  paperboy --data "$work/demo" vectors export --model "$model" -o "src/Paperboy.Engine/Demo/demo-vectors.$model.pbvec"
done
