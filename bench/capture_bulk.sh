#!/usr/bin/env bash
# The capture-writing figure: simulation and pcap writing together, in frames per second,
#   synack lesson run bulk-transfer --param segments=1000000 --pcap FILE --quiet
# and the peak memory at 100,000 and 1,000,000 segments (it must not grow).
# Needs hyperfine and capinfos (Wireshark's tools).
#
#   bash bench/capture_bulk.sh [SEGMENTS] [DIR]
#
# DIR is where the 1.6 GB file goes (default: /dev/shm when it exists, since a
# slow disk would measure the disk; pass a disk folder to see that too).
set -euo pipefail
cd "$(dirname "$0")/.."
segments="${1:-1000000}"
dir="${2:-}"
if [ -z "$dir" ]; then
  if [ -d /dev/shm ]; then dir=/dev/shm; else dir="$(mktemp -d)"; fi
fi
file="$dir/synack-bulk-$$.pcap"
trap 'rm -f "$file"' EXIT

cargo build --release --quiet
synack="$PWD/target/release/synack"
cmd="$synack lesson run bulk-transfer --param segments=$segments --pcap $file --quiet"

"$synack" lesson run bulk-transfer --param "segments=$segments" --pcap "$file" --quiet
frames=$(capinfos -c -M "$file" | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')
echo "frames per run: $frames ($(du -h "$file" | cut -f1) in $dir)"

hyperfine --warmup 1 --runs 7 --prepare "rm -f $file; sync" --export-json "$dir/bulk.json" "$cmd"
median=$(python3 -c "import json,statistics;print(statistics.median(json.load(open('$dir/bulk.json'))['results'][0]['times']))")
python3 -c "print(f'median {float(\"$median\"):.3f} s  ->  {int($frames)/float(\"$median\"):,.0f} frames/s')"
rm -f "$dir/bulk.json"

echo "peak memory (max RSS):"
for n in 100000 "$segments"; do
  rm -f "$file"
  /usr/bin/time -f "  $n segments: %M KB" "$synack" lesson run bulk-transfer --param "segments=$n" --pcap "$file" --quiet
done
