#!/usr/bin/env bash
# The explain figure: `synack explain --summary` on a 1,000,000-packet capture of
# bulk loopback TCP, against `tshark -q -z conv,tcp` on the same file, side by
# side in one run. Makes the capture itself with iperf3 and tcpdump (snap length
# 128). Needs root (tcpdump), iperf3, tshark and hyperfine.
#
#   bash bench/explain_summary.sh [PACKETS]        # default 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
packets="${1:-1000000}"
dir="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$dir"' EXIT
capture="$dir/bulk.pcap"

cargo build --release --quiet
synack="$PWD/target/release/synack"

port=5201
iperf3 -s -p "$port" -1 >/dev/null 2>&1 &
sleep 0.5
# A big kernel buffer so tcpdump keeps up; -c stops it at the packet count.
tcpdump -i lo -s 128 -B 262144 --immediate-mode -c "$packets" -w "$capture" "tcp port $port" 2>"$dir/tcpdump.log" &
dump=$!
sleep 1
# MSS 1460 and a rate cap: many packets, at a pace tcpdump can write.
iperf3 -c 127.0.0.1 -p "$port" -M 1460 -b 3G -t 120 >/dev/null 2>&1 &
wait "$dump"
kill %3 2>/dev/null || true
echo "capture: $(capinfos -c -M "$capture" | grep -i 'number of packets') ($(du -h "$capture" | cut -f1))"
grep -E "captured|dropped" "$dir/tcpdump.log" || true

echo
hyperfine --warmup 1 --runs 5 --export-markdown "$dir/table.md" \
  -n "synack explain --summary" "$synack explain $capture --summary" \
  -n "tshark -z conv,tcp" "tshark -r $capture -q -z conv,tcp"
cat "$dir/table.md"

echo
echo "peak memory (max RSS):"
for n in 100000 "$packets"; do
  editcap -r "$capture" "$dir/part.pcap" "1-$n" >/dev/null
  /usr/bin/time -f "  synack explain --summary, $n packets: %M KB" "$synack" explain "$dir/part.pcap" --summary >/dev/null
done
/usr/bin/time -f "  tshark -z conv,tcp, $packets packets: %M KB" tshark -r "$capture" -q -z conv,tcp >/dev/null
