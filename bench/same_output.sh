#!/usr/bin/env bash
# Checks that two builds of synack print the same bytes for `explain` on every
# committed capture: --json (plain, --explain, --absolute), --summary, the
# ladder, --explain in English and Portuguese, --bits, and the narrated
# --pcapng. Speed work must not change a byte; run this before each commit.
#
#   bash bench/same_output.sh OLD_SYNACK NEW_SYNACK [EXTRA.pcap ...]
#   BIG="large.pcap ..." bash bench/same_output.sh OLD_SYNACK NEW_SYNACK
#
# Extra captures get every check; BIG ones (a million packets, say) only
# --json and --summary.
set -uo pipefail
cd "$(dirname "$0")/.."
old="$1"
new="$2"
shift 2
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
fail=0

same() { # name, then the arguments after `explain FILE`
  local name="$1" file="$2"
  shift 2
  "$old" explain "$file" "$@" --color never >"$dir/old" 2>"$dir/old.err"
  local old_rc=$?
  "$new" explain "$file" "$@" --color never >"$dir/new" 2>"$dir/new.err"
  local new_rc=$?
  if ! cmp -s "$dir/old" "$dir/new" || ! cmp -s "$dir/old.err" "$dir/new.err" ||
    [ "$old_rc" != "$new_rc" ]; then
    echo "DIFFERENT: $name: explain $file $*"
    fail=1
  fi
}

pcapng() { # the narrated copy, byte for byte
  local file="$1"
  shift
  "$old" explain "$file" --quiet --pcapng "$dir/old.pcapng" "$@" >/dev/null 2>&1
  "$new" explain "$file" --quiet --pcapng "$dir/new.pcapng" "$@" >/dev/null 2>&1
  if ! cmp -s "$dir/old.pcapng" "$dir/new.pcapng"; then
    echo "DIFFERENT: pcapng: explain $file --pcapng $*"
    fail=1
  fi
  rm -f "$dir/old.pcapng" "$dir/new.pcapng"
}

count=0
for file in captures/*.pcap captures/*.pcapng tests/captures/real/*.pcap "$@" ${BIG:-}; do
  [ -f "$file" ] || continue
  count=$((count + 1))
  same json "$file" --json
  same summary "$file" --summary
  case " ${BIG:-} " in *" $file "*) continue ;; esac
  same json-explain "$file" --json --explain --lang pt
  same json-absolute "$file" --json --absolute
  same ladder "$file" --lang en --width 100
  same explain-en "$file" --explain --lang en
  same explain-pt "$file" --explain --lang pt
  same bits "$file" --bits --lang en
  same summary-pt "$file" --summary --lang pt
  pcapng "$file" --lang en
  pcapng "$file" --lang pt
done
if [ "$fail" = 0 ]; then
  echo "same output on $count captures"
fi
exit "$fail"
