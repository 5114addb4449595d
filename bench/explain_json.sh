#!/usr/bin/env bash
# The explain --json figure: `synack explain FILE --json` and `--summary` on a
# 1,000,000-packet capture of bulk loopback TCP, against `tshark -q -z expert`
# (Wireshark's own TCP analysis of every frame) on the same file, side by side
# in one run. With BASELINE=path/to/an/older/synack the older build runs in the
# same table, for "faster than before". Makes the capture itself with iperf3 and
# tcpdump (snap length 128). Needs root (tcpdump), iperf3, tshark and hyperfine.
# With CAPTURE=file.pcap it measures that capture instead of making one (and
# keeps it), so a series of runs can share one capture.
#
#   bash bench/explain_json.sh [PACKETS]          # default 1000000
#   BASELINE=old/synack bash bench/explain_json.sh
#   CAPTURE=bulk.pcap BASELINE=old/synack bash bench/explain_json.sh
set -euo pipefail
cd "$(dirname "$0")/.."
packets="${1:-1000000}"
dir="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$dir"' EXIT
capture="${CAPTURE:-$dir/bulk.pcap}"

cargo build --release --quiet
synack="${CARGO_TARGET_DIR:-$PWD/target}/release/synack"

if [ -n "${CAPTURE:-}" ]; then
  packets="$(capinfos -c -M "$capture" | awk -F: '/Number of packets/ {gsub(/ /,"",$2); print $2}')"
else
  port=5201
  iperf3 -s -p "$port" -1 >/dev/null 2>&1 &
  sleep 0.5
  tcpdump -i lo -s 128 -B 262144 --immediate-mode -c "$packets" -w "$capture" "tcp port $port" 2>"$dir/tcpdump.log" &
  dump=$!
  sleep 1
  iperf3 -c 127.0.0.1 -p "$port" -M 1460 -b 3G -t 120 >/dev/null 2>&1 &
  wait "$dump"
  kill %3 2>/dev/null || true
fi
echo "capture: $(capinfos -c -M "$capture" | grep -i 'number of packets') ($(du -h "$capture" | cut -f1))"

runs=(-n "synack explain --json" "$synack explain $capture --json"
  -n "synack explain --summary" "$synack explain $capture --summary"
  -n "tshark -z expert" "tshark -r $capture -q -z expert")
if [ -n "${BASELINE:-}" ]; then
  runs+=(-n "baseline explain --json" "$BASELINE explain $capture --json"
    -n "baseline explain --summary" "$BASELINE explain $capture --summary")
fi
echo
hyperfine --warmup 1 --runs 5 --output=null --export-json "$dir/times.json" \
  --export-markdown "$dir/table.md" "${runs[@]}"
cat "$dir/table.md"
python3 - "$dir/times.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
# Wall-clock medians are the figure; CPU time (user + system, mean) is shown
# beside them because on a shared machine waiting for a core inflates wall time.
for title, r in (
    ("wall clock, median", {x["command"]: statistics.median(x["times"]) for x in results}),
    ("CPU time (user + system), mean", {x["command"]: x["user"] + x["system"] for x in results}),
):
    t = r["tshark -z expert"]
    print(f"\n{title}:")
    for name, secs in r.items():
        print(f"  {name:28} {secs:7.3f} s   tshark / this = {t / secs:5.2f}")
    for kind in ("--json", "--summary"):
        b = r.get(f"baseline explain {kind}")
        if b:
            print(f"  explain {kind}: {b / r[f'synack explain {kind}']:.2f} times faster than the baseline")
PY

echo
echo "peak memory (max RSS):"
for n in 100000 "$packets"; do
  editcap -r "$capture" "$dir/part.pcap" "1-$n" >/dev/null
  /usr/bin/time -f "  synack explain --json, $n packets: %M KB" "$synack" explain "$dir/part.pcap" --json >/dev/null
done
/usr/bin/time -f "  tshark -z expert, $packets packets: %M KB" tshark -r "$capture" -q -z expert >/dev/null
