#!/usr/bin/env bash
# Records captures/chat-session.pcapng: a real chat session with a small
# download, on loopback port 5555, captured by tcpdump.
#
#   sudo bench/chat/capture.sh [OUT]      (needs root for tcpdump, and port 5555 free)
#
# The session: the server (synack chat server) broadcasts a console line; a
# client says hello, asks for the listing, downloads notas.txt (20,000 bytes:
# FROK, FMTA, FHSH and three FDAT frames), asks for a missing file (FERR), and
# quits. tcpdump writes pcap; tshark keeps the client's connection and editcap
# (both from Wireshark) turns it into pcapng with a comment saying what is in it.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-captures/chat-session.pcapng}"
SYNACK="${SYNACK:-target/debug/synack}"
[ -x "$SYNACK" ] || cargo build --quiet
for tool in tcpdump tshark editcap python3; do
  command -v "$tool" >/dev/null || { echo "capture.sh: $tool is needed" >&2; exit 1; }
done

work="$(mktemp -d)"
cleanup() {
  [ -n "${dump_pid:-}" ] && kill "$dump_pid" 2>/dev/null || true
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/srv" "$work/dl"
# 20,000 bytes of readable text: three FDAT frames (8192 + 8192 + 3616).
python3 - "$work/srv/notas.txt" <<'PY'
import sys
line = "aluno {:04d}: nota {:d}\n"
out = "".join(line.format(i, (i * 7) % 11) for i in range(2000))
open(sys.argv[1], "w").write(out[:20000])
PY

tcpdump -i lo --immediate-mode -U -s 0 -w "$work/raw.pcap" 'tcp port 5555' 2>"$work/tcpdump.log" &
dump_pid=$!
for _ in $(seq 50); do grep -q "listening on" "$work/tcpdump.log" 2>/dev/null && break; sleep 0.1; done

mkfifo "$work/console"
"$SYNACK" --lang en --color never chat server --bind 127.0.0.1:5555 --dir "$work/srv" \
  <"$work/console" >"$work/server.log" 2>&1 &
server_pid=$!
exec 3>"$work/console"
for _ in $(seq 50); do grep -q "serving" "$work/server.log" 2>/dev/null && break; sleep 0.1; done

{
  sleep 0.5
  echo "chat olá, turma"
  sleep 0.3
  echo "list"
  sleep 0.3
  echo "file notas.txt"
  sleep 0.5
  echo "file nada.txt"
  sleep 0.3
  echo "quit"
} | "$SYNACK" --lang en --color never chat client 127.0.0.1 5555 --downloads "$work/dl" &
client_pid=$!
sleep 0.3
echo "bem-vindos à aula de redes" >&3
wait "$client_pid"
echo quit >&3
wait "$server_pid" || true
server_pid=
sleep 0.5
kill -INT "$dump_pid"
wait "$dump_pid" || true
dump_pid=


cmp "$work/srv/notas.txt" "$work/dl/notas.txt"
mkdir -p "$(dirname "$OUT")"
# Keep the client's connection only (the server, told to quit, also opens a
# connection to itself to wake its accept loop).
tshark -r "$work/raw.pcap" -Y "tcp.stream == 0" -w "$work/session.pcap" -F pcap 2>/dev/null
editcap -F pcapng --capture-comment \
  "synack chat session on 127.0.0.1:5555: console broadcast, CHAT, LIST, a verified download of notas.txt (FROK FMTA FHSH FDAT x3), FERR for a missing file, QUIT. Made by bench/chat/capture.sh with tcpdump." \
  "$work/session.pcap" "$OUT"
echo "wrote $OUT"
