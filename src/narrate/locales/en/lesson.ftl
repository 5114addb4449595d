## Lesson files: loading, checking, errors.

lesson-error-at = {$file}:{$line}:{$column}: {$message}
lesson-error = {$file}: {$message}
lesson-kind-text = text in quotes
lesson-kind-whole-number = a whole number (or an expression in quotes, like "segments * mss")
lesson-kind-boolean = true or false
lesson-kind-duration = a duration such as "10ms", "1.5s" or "2min"
lesson-kind-table = a table
lesson-kind-list = a list in brackets
lesson-kind-number = a number
lesson-expr-unknown-param = a number or an expression of the lesson's [params] is expected (like 100 or "segments * mss"), and `{$name}` is neither a number nor a parameter in [params]
lesson-expr-syntax = it is not an expression I can read (near `{$near}`)
lesson-expr-unexpected-end = it stops too early: a number or a parameter name is missing at the end
lesson-expr-unclosed = a `(` is never closed with `)`
lesson-expr-overflow = the result does not fit (it is negative or too large)
lesson-expr-division-by-zero = it divides by zero
lesson-syntax = this is not valid TOML: {$message}
lesson-unknown-key-suggest = unknown key `{$key}` in {$section}; did you mean `{$suggestion}`?
lesson-unknown-key = unknown key `{$key}` in {$section}
lesson-missing-key = {$section} needs `{$key}`
lesson-missing-table-lesson = the file has no `[lesson]` table, which every lesson begins with; the smallest one is
    {"["}lesson]
    title.en = "My lesson"
lesson-missing-table-host = the file has no `[{$table}]` table; the smallest one is
    {"["}{$table}]
    addr = "{$example}"
lesson-looks-like-capture = this is a {$format} capture, not a lesson (a lesson is a TOML text file): to have a capture narrated, run `synack explain {$file}`
lesson-not-text = this is not a text file (byte {$offset} is not UTF-8): a lesson is a TOML text file (see lessons/README.md)
lesson-wrong-type = `{$key}` must be {$expected}
lesson-bad-address = `{$value}` is not an address with a port, like "192.168.0.10:49152" or "[2001:db8::1]:80"
lesson-mixed-families = the client and the server must both use IPv4 or both use IPv6
lesson-same-address = the client and the server cannot have the same address and port
lesson-bad-duration = `{$key}` = "{$value}" is not a duration; write it like "10ms", "1.5s", "250us" or "2min"
lesson-bad-expression = `{$key}` = "{$value}": {$problem}
lesson-out-of-range = `{$key}` = {$value} is out of range: it must be between {$min} and {$max}
lesson-unknown-host = `{$value}` is not a host: use "client" or "server"
lesson-unknown-call-suggest = `{$value}` is not a call; did you mean `{$suggestion}`? (calls: listen, connect, send, close, abort, pause-reading, resume-reading)
lesson-unknown-call = `{$value}` is not a call (calls: listen, connect, send, close, abort, pause-reading, resume-reading)
lesson-unknown-state = `{$value}` is not a TCP state (states: CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT)
lesson-bad-condition = `when = "{$value}"` is not a condition; write a state ("ESTABLISHED"), a host and a state ("server CLOSE-WAIT") or "data"
lesson-bad-flags = `{$value}` is not a set of TCP flags, like "SYN" or "SYN,ACK"
lesson-unknown-fault = `{$value}` is not a fault; use "drop", "duplicate", "delay" or "reorder"
lesson-unknown-error = `{$value}` is not a connection error; use "refused", "reset" or "timed-out"
lesson-unknown-congestion-cause = `{$value}` is not a congestion step; use "initial", "slow-start", "congestion-avoidance", "fast-retransmit", "fast-recovery", "recovery-end" or "timeout"
lesson-call-needs-one-host = a [[call]] names exactly one host: `client = "…"` or `server = "…"`
lesson-conflicting-triggers = a [[call]] can have only one of `at`, `after` and `when`
lesson-delay-needs-when = `delay` only goes with `when` (use `after` to wait after the previous call)
lesson-send-needs-data = a send needs exactly one of `text = "…"`, `bytes = N` or `echo = true`
lesson-data-only-for-send = `text`, `bytes` and `echo` belong to a "send", not to "{$call}"
lesson-fault-needs-target = a [[fault]] needs exactly one of `nth = N`, `flags = "…"`, `data = true` or `any = true`
lesson-fault-delay = `delay` is needed by, and only by, `action = "delay"`
lesson-unknown-param-none = this lesson has no parameter `{$name}`: it takes no parameters
lesson-unknown-param = this lesson has no parameter `{$name}` (its parameters: {$known})
lesson-bad-param-name = `{$name}` cannot be a parameter name: use letters, digits and _ (a - would be read as a minus sign)
lesson-bad-param-value = `--param {$text}`: the value must be a whole number
lesson-negative-param = `--param {$text}`: a parameter counts something, so it cannot be negative; give a whole number, 0 or more
lesson-param-too-large = `--param {$text}` is too large: this parameter goes up to {$max}
lesson-call-failed = the {$host} cannot call {$call}() in {$state}: {$reason}
lesson-expect-failed = expected {$what} = {$expected}, but the run gave {$actual}
lesson-not-found-suggest = there is no lesson or file called `{$name}`; did you mean `{$suggestion}`? (`synack lesson list` shows them all)
lesson-not-found = there is no lesson or file called `{$name}` (`synack lesson list` shows them all)
lesson-unreadable = cannot read the lesson file: {$reason}
lesson-too-big = the file is larger than {$limit} bytes; a lesson is a short text file
call-error-not-connected = the connection does not exist
call-error-already-open = the connection already exists
call-error-closing = the connection is closing
