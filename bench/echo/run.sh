#!/usr/bin/env bash
# Echo load comparison, side by side and bounded in time (about a minute with
# the defaults): synack's quiet TCP and UDP echo servers against Python's
# socketserver.ThreadingTCPServer / UDPServer and
# `socat TCP-LISTEN:PORT,reuseaddr,fork PIPE`, with 1 and 8 concurrent clients
# doing 16-byte round trips. Prints a table of round trips per second.
#
#   bench/echo/run.sh                      # defaults: --seconds 2 --runs 3 --clients 1,8
#   bench/echo/run.sh --seconds 3 --runs 5
#   bench/echo/run.sh --only synack,socat
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in python3 socat; do
  command -v "$tool" >/dev/null || echo "note: $tool is not installed; its row will be skipped" >&2
done
cargo build --release --quiet --bin synack
exec timeout 600 cargo bench --quiet --bench echo_load -- --synack target/release/synack "$@"
