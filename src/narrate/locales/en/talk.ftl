## synack talk: a conversation on one TCP connection, every line as bits.

talk-listening = waiting on {$addr} for the other side: in another terminal, run `synack talk connect {$addr}`
talk-listening-any = waiting on {$addr} (every address of this machine) for the other side: on another machine, run `synack talk connect ADDRESS:{$port}` with this machine's address
talk-accepted = {$peer} connected from port {$port}, an ephemeral port its kernel picked; now the listening socket closes: a conversation is between two, so anyone else who tries is refused
talk-prompt = type a line and press Enter to send it; `sair` or `quit` (or Ctrl-D) ends the conversation

talk-line = {$peer} says: {$text}
talk-recv-continued = this recv() finishes a line begun in an earlier recv()
talk-recv-several = this recv() held {$lines} lines: TCP is a stream of bytes, and one recv() takes whatever has arrived, with no regard for where the other side's send() calls began or ended
talk-recv-partial = this recv() ended in the middle of a line: {$bytes ->
    [one] {$bytes} byte waits
   *[other] {$bytes} bytes wait
} for the rest (TCP is a stream of bytes: a line may come in pieces)
talk-line-too-long = no end of line in {$max} bytes: shown up to here, and what follows is shown as another line
talk-line-quiet = no end of line came, and nothing more for {$ms} ms: the other side sends its messages without one (as the classic class programs do), so each is shown once its bytes stop coming
talk-not-utf8 = not valid UTF-8 from byte {$offset} ({$byte}), so not all of it is text: in hexadecimal, {$hex}

talk-you-ended = `{$word}` ends the conversation: it went to the other side too (a classic program stops on it), and now shutdown() sends our FIN
talk-input-ended = end of input: shutdown() sends our FIN ("I will send nothing more")
talk-waiting-fin = waiting for {$peer} to close its side too
talk-peer-closed-too = {$peer} closed its side too (its FIN): the conversation is over
talk-no-fin = {$peer} did not close its side within {$secs} s: closing anyway
talk-peer-closed = {$peer} closed its side (its FIN: recv() returned 0), so the conversation is over: we close ours too (our FIN)
talk-summary = conversation with {$peer} over: {$sent ->
    [one] {$sent} line sent
   *[other] {$sent} lines sent
} ({$sent_bytes ->
    [one] {$sent_bytes} byte
   *[other] {$sent_bytes} bytes
}), {$received} received ({$received_bytes ->
    [one] {$received_bytes} byte
   *[other] {$received_bytes} bytes
})

## Errors.

talk-error-refused = connection to {$addr} refused: nothing listens there. Start `synack talk listen` (or the classic server) on the other side first, or check the address and port
talk-error-resolve = cannot resolve `{$text}` ({$reason}): give HOST or HOST:PORT, for example 192.0.2.10 or 192.0.2.10:5000
talk-error-no-address = `{$text}` resolves to no address: check the name, or give an address such as 192.0.2.10
talk-error-ended-mid-line = {$peer} closed the connection in the middle of a line: its last {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} came without an end of line. Did its program stop before finishing the line?
talk-error-reset = the connection with {$peer} was reset (RST): the other program stopped without closing it in order (it crashed, or quit leaving data it had not read)
talk-error-reset-lost = {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} of an unfinished line were lost with it.
talk-error-send-failed = cannot send to {$peer}: the connection is gone (the other side closed or reset it)
