#!/usr/bin/env bash
# Verified download benchmark, side by side in one run:
#   openssl dgst -sha256 on the file     (single-core SHA-256, the yardstick)
#   synack chat client --get             (against synack chat server, digest cached)
#   classic_client.py                    (against classic_server.py: Python, thread per client, 8 KiB chunks)
# Each round runs all three; the table gives medians. Also reports the peak RSS
# of synack's client and server (GNU time).
#
#   bench/chat/download.sh [SIZE_MIB] [ROUNDS]      (defaults: 1024 MiB, 5 rounds)
#
# Files go to BENCH_DIR (default: a folder in /dev/shm when there is one, so the
# figures are about the protocol, the hash and the sockets, not the disk).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MIB="${1:-1024}"
ROUNDS="${2:-5}"
for tool in openssl python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "download.sh: $tool is needed (Debian: apt-get install time openssl python3)" >&2; exit 1; }
done
cargo build --release --quiet
SYNACK="$PWD/target/release/synack"
HERE="$PWD/bench/chat"
base="${BENCH_DIR:-$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}"
work="$(mktemp -d "$base/synack-bench.XXXXXX")"
cleanup() {
  exec 3>&- 2>/dev/null || true
  [ -n "${py_pid:-}" ] && kill "$py_pid" 2>/dev/null || true
  [ -n "${srv_pid:-}" ] && kill "$srv_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/srv" "$work/dl" "$work/pydl"
FILE="$work/srv/big.bin"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$FILE"
BYTES=$(stat -c %s "$FILE")

# synack server, console on a fifo, peak RSS by GNU time.
mkfifo "$work/console"
/usr/bin/time -f "%M" -o "$work/server.rss" "$SYNACK" --lang en chat server \
  --bind 127.0.0.1:0 --dir "$work/srv" <"$work/console" >"$work/server.log" 2>&1 &
srv_pid=$!
exec 3>"$work/console"
for _ in $(seq 100); do grep -q "serving" "$work/server.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.* on 127\.0\.0\.1:\([0-9]*\);.*/\1/p' "$work/server.log" | head -1)

python3 "$HERE/classic_server.py" --bind 127.0.0.1:0 --dir "$work/srv" </dev/null >"$work/py.log" 2>&1 &
py_pid=$!
for _ in $(seq 100); do grep -q "listening" "$work/py.log" 2>/dev/null && break; sleep 0.1; done
pyport=$(sed -n 's/listening on 127\.0\.0\.1:\([0-9]*\)/\1/p' "$work/py.log" | head -1)

secs() { python3 -c 'import sys,time; print(time.time())'; }
run_synack() {
  rm -f "$work/dl/big.bin"
  local t0 t1
  t0=$(secs)
  /usr/bin/time -f "%M" -o "$work/client.rss" "$SYNACK" --lang en chat client 127.0.0.1 "$port" \
    --downloads "$work/dl" --get big.bin >"$work/client.out"
  t1=$(secs)
  grep -q "SHA-256 verified" "$work/client.out"
  echo "$t0 $t1" | awk '{print $2-$1}'
}
run_python() {
  rm -f "$work/pydl/big.bin"
  local t0 t1
  t0=$(secs)
  printf 'arquivo big.bin\nsair\n' | python3 "$HERE/classic_client.py" 127.0.0.1 "$pyport" \
    --downloads "$work/pydl" >"$work/py.out"
  t1=$(secs)
  grep -q "^OK big.bin" "$work/py.out"
  echo "$t0 $t1" | awk '{print $2-$1}'
}
run_openssl() {
  local t0 t1
  t0=$(secs)
  openssl dgst -sha256 "$FILE" >/dev/null
  t1=$(secs)
  echo "$t0 $t1" | awk '{print $2-$1}'
}

# Warm-up: page cache, and the server's digest cache (first request hashes).
run_openssl >/dev/null
first=$(run_synack)
echo "first synack download (server hashes the file): ${first} s" >&2

: >"$work/times"
rss_max=0
for r in $(seq "$ROUNDS"); do
  o=$(run_openssl); s=$(run_synack); p=$(run_python)
  rss=$(cat "$work/client.rss"); [ "$rss" -gt "$rss_max" ] && rss_max=$rss
  echo "$o $s $p" >>"$work/times"
  echo "round $r: openssl ${o} s, synack ${s} s, python ${p} s" >&2
done
echo quit >&3
exec 3>&-
wait "$srv_pid" || true
srv_pid=
kill "$py_pid" 2>/dev/null || true
py_pid=
server_rss=$(cat "$work/server.rss")

python3 - "$BYTES" "$rss_max" "$server_rss" "$work/times" <<'PY'
import statistics, sys
size = int(sys.argv[1]); crss = int(sys.argv[2]); srss = int(sys.argv[3])
rows = [list(map(float, l.split())) for l in open(sys.argv[4]) if l.strip()]
med = [statistics.median(c) for c in zip(*rows)]
mib = size / 1048576
o, s, p = med
print(f"file: {mib:.0f} MiB, {len(rows)} rounds, medians of wall-clock time")
print()
print("| what | median time | throughput | ratio |")
print("|---|---|---|---|")
print(f"| `openssl dgst -sha256` (single-core SHA-256) | {o:.2f} s | {mib/o:.0f} MiB/s | 1 |")
print(f"| `synack chat client --get` (verified, digest cached) | {s:.2f} s | {mib/s:.0f} MiB/s | {o/s:.0%} of openssl |")
print(f"| classic Python client + server, 8 KiB chunks | {p:.2f} s | {mib/p:.0f} MiB/s | synack is {p/s:.1f}x |")
print()
print(f"peak RSS: synack client {crss/1024:.1f} MiB, synack server {srss/1024:.1f} MiB")
PY
