#!/usr/bin/env bash
# A thousand clients at once against the release server: each sends a chat
# line, every client must receive all 999 others, and the server must have the
# same threads and descriptors after they leave as before. Prints the broadcast
# latency (p50, p99, max) and the counts.
#
#   bench/chat/scale.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo test --release --quiet --test chat_scale -- --nocapture 2>&1 | grep -E "clients|threads|test result"
