## Command output and errors that are not about one area.

error-prefix = error
warning = warning: {$message}
error-stdin-too-large = standard input is longer than {$limit} bytes; pass a shorter text
error-stdin-not-utf8 = standard input is not UTF-8 text (it stops being valid at byte {$offset}); `synack bits` shows text
error-stdin-read = cannot read standard input: {$reason}
error-output = cannot write the output: {$reason}
error-checks-failed = {$failed} of {$total} lessons failed their checks
error-bad-param = `--param {$text}` must look like NAME=VALUE, for example `--param segments=1000`
error-create-file = cannot create {$path}: {$reason}
lesson-list-heading = Lessons
lesson-list-footer = Run one with `synack lesson run NAME` (add --explain to hear it narrated); write your own: see lessons/README.md.
step-prompt = ⏎ next step · q then ⏎ to quit
step-stopped = stopped at step {$step} of {$total}
step-stopped-at = stopped at step {$step}
progress-bytes = {$done} of {$total} bytes delivered · {$secs} s
progress-steps = {$steps} steps · {$secs} s
error-captures-stale = {$count ->
    [one] {$count} capture file is
   *[other] {$count} capture files are
} missing or out of date: run `synack captures` and commit the result
captures-same = {$file} is up to date
captures-missing = {$file} is missing
captures-differs = {$file} differs from what this version writes
captures-wrote = wrote {$file} ({$bytes} bytes)
error-pcap-needs-pcapng = explain writes the capture back with narration as comments, which only pcapng can hold: use --pcapng FILE
explain-error-open = cannot open {$file}: {$reason}
explain-error-not-found = there is no file {$file}: check the name and the folder (a capture is made with Wireshark, or with `sudo tcpdump -i lo -w capture.pcap`)
explain-error-permission = cannot read {$file}: permission denied (a capture made with sudo belongs to root: `sudo chown $USER {$file}`)
explain-error-folder = {$file} is a folder, not a capture file: give the path of a .pcap or .pcapng file
explain-error-empty = the file is empty: a capture that saw nothing, or one still being written
explain-error-not-capture = this is not a pcap or pcapng file (it starts with {$start}); save captures from Wireshark as pcap or pcapng, or use tcpdump -w
explain-error-corrupt = the file is corrupt at byte {$offset}: {$reason}
explain-corrupt-ends = the file ends in the middle of a record
explain-corrupt-fraction = a timestamp's fraction of a second ({$fraction}) is a second or more
explain-corrupt-interface = a packet names interface {$interface}, which the file never describes
explain-corrupt-outside = a packet's data lies outside its block
explain-corrupt-format = the blocks do not follow the pcap/pcapng format (the reader says: {$detail})
explain-error-too-large = the record at byte {$offset} says it is {$len} bytes long, more than any real packet: the file is corrupt from there
explain-error-link-type = {$file}: link type {$linktype} is not supported (synack reads Ethernet, Linux cooked SLL and SLL2, raw IP, and BSD loopback captures)
explain-error-no-conversation = {$file}: there is no conversation {$wanted} (the capture has {$count}; `synack explain {$file} --summary` lists them)
explain-warn-truncated = {$file} ends in the middle of a packet at byte {$offset}: explained up to there
explain-warn-bad-frames = {$count ->
    [one] {$count} frame is not valid IP and was skipped
   *[other] {$count} frames are not valid IP and were skipped
} (the first at byte {$offset}: {$reason})
explain-too-many = {$count} conversations: too many to draw. Pick one with --conversation N (or --between A:P B:Q), or ask for --json.
explain-no-conversations = No TCP or UDP conversation in this capture.
explain-conversation-title = Conversation #{$index} in {$file}
explain-opened-handshake = opened with a handshake
explain-opened-simultaneous = opened simultaneously
explain-opened-refused = refused (RST)
explain-opened-unanswered = SYN never answered
explain-opened-mid-stream = already open when the capture began
explain-opened-datagrams = datagrams
explain-ended-fin = closed with FIN
explain-ended-half-closed = half-closed
explain-ended-rst = reset (RST)
explain-ended-open = still open
explain-summary-numbers = {$packets ->
    [one] {$packets} packet
   *[other] {$packets} packets
}, bytes {$sent} → / ← {$received}
explain-summary-states = client {$client}, server {$server}
cli-unknown-argument = `{$arg}` is not an option here
cli-unknown-argument-suggest = `{$arg}` is not an option here; did you mean `{$suggestion}`?
cli-unknown-command = `{$command}` is not a command
cli-unknown-command-suggest = `{$command}` is not a command; did you mean `{$suggestion}`?
cli-invalid-utf8 = an argument is not valid UTF-8 text; check the terminal's encoding
cli-invalid-value = `{$value}` is not a valid value for {$arg}
cli-invalid-value-choices = `{$value}` is not a valid value for {$arg} (possible values: {$valid})
cli-missing-argument = {$arg} is required
cli-conflict = {$arg} cannot be used with {$other}
cli-wrong-number = {$arg} has the wrong number of values
cli-see-help = Run with --help to see what the command takes.
cli-missing-value = {$arg} needs a value
cli-invalid-value-reason = {$arg}: {$reason}
cli-not-whole-number = `{$text}` is not a whole number
cli-not-whole-number-between = `{$text}` is not a whole number from {$min} to {$max}
cli-not-whole-number-from = `{$text}` is not a whole number of at least {$min}
cli-not-seconds = `{$text}` is not a number of seconds between 0 and 86400 (for example 10 or 0.5)
cli-not-language = `{$text}` is not a language synack speaks: use en or pt (a tag such as pt-BR, pt_BR or en-US is fine too)
cli-rdt-not-probability = `{$text}` is not a probability between 0 and 1
cli-rdt-not-mode = `{$text}` is not a mode (Stop-and-Wait/saw, Go-Back-N/gbn, Selective-Repeat/sr)
explain-error-no-frames = {$file}: no TCP or UDP conversation has a frame in {$from}–{$to} (the last such frame is {$last}; frames count from 1, as in Wireshark)
cli-bad-frame-range = `{$text}` is not a frame or a range of frames: write N, N-M or N- (frames count from 1, as in Wireshark's No. column)
cli-bad-theme-env = SYNACK_THEME is `{$value}`, which is not a theme: set it to auto, dark, light or mono, or unset it (--theme overrides it)
