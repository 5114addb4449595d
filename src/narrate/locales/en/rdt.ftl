## The reliable-transfer lab (synack rdt): handshake, protocols, faults, secure mode.

## The text handshake's refusals (sent on the wire in the server's language).

rdt-hs-no-mode = there is no MODO field: send MODO:<mode>;TAMANHO:<size>
rdt-hs-no-size = there is no TAMANHO field: send MODO:<mode>;TAMANHO:<size>
rdt-hs-garbled = `{$text}` is not KEY:VALUE (send MODO:<mode>;TAMANHO:<size>)
rdt-hs-unknown-mode = unknown mode `{$mode}`: use Stop-and-Wait, Go-Back-N or Selective-Repeat (or saw, gbn, sr), or the classic text exchange, Canal sem erros or Canal com erros
rdt-hs-bad-number = {$field} must be a whole number, not `{$value}`
rdt-hs-size-range = size {$size} is out of range: from {$min} to {$max} bytes per packet
rdt-hs-window-range = window {$window} is out of range: from 1 to {$max} packets
rdt-hs-bits-range = {$bits} sequence-number bits is out of range: from 1 to 16
rdt-hs-window-too-large = {$mode} with {$bits}-bit sequence numbers allows a window of at most {$max}, not {$window}: ask for more bits (SEQ, --seq-bits) or a smaller window
rdt-hs-secure-required = this server runs in secure mode: connect with --secure and its key
rdt-hs-secure-unavailable = this server has no key for secure mode: connect without --secure
rdt-hs-too-long = the handshake line is longer than {$max} bytes

## Errors.

rdt-error-bad-key = a pre-shared key is 32 bytes, or 64 hexadecimal digits; this is {$found}
rdt-key-found-bytes = {$count} bytes of binary
rdt-key-found-chars = {$count} characters
rdt-key-found-not-hex = 64 characters that are not all hexadecimal
rdt-error-key-unreadable = cannot read the key file {$path}: {$reason}
rdt-error-no-key = secure mode needs a pre-shared key: pass --psk-file FILE or set SYNACK_PSK to 64 hexadecimal digits
rdt-error-wrong-key = the secure handshake failed: the two sides do not hold the same pre-shared key (wrong PSK?)
rdt-error-secure-handshake-too-long = the secure handshake failed: the peer sent a message of {$len} bytes, longer than any handshake message
rdt-error-secure-handshake = the secure handshake failed: {$reason}
rdt-error-refused = the server refused the handshake: {$reason}
rdt-error-unexpected-reply = the server's answer is not a handshake reply: {$line} (is it a synack rdt server?)
rdt-error-lesson-not-found-suggest = there is no rdt lesson or file called `{$name}`; did you mean `{$suggestion}`? (`synack rdt lesson list` shows them all)
rdt-error-lesson-not-found = there is no rdt lesson or file called `{$name}` (`synack rdt lesson list` shows them all)
rdt-error-lesson-mode = {$file}:{$line}: `{$value}` is not a mode: use "Stop-and-Wait", "Go-Back-N" or "Selective-Repeat"
rdt-error-lesson-handshake = {$file}: {$reason}
rdt-error-message-too-long = a message of {$len} bytes is too long: at most {$max}
rdt-error-gave-up = a packet went unacknowledged {$attempts} times, so the client gave up: is the server still there?
rdt-error-no-server = connection to {$addr} refused: nothing listens there. Start `synack rdt server` first, or check --connect
rdt-error-closed = the other side closed the connection before the session ended
rdt-error-framing = the other side broke the framing: a frame of {$len} bytes (at most {$max})
rdt-error-silent = no word from the other side for {$secs} s
rdt-error-captures-stale = {$count ->
    [one] {$count} rdt capture file is
   *[other] {$count} rdt capture files are
} out of date: run `synack rdt captures` and commit the result
rdt-error-bad-option = `{$value}` cannot be used with --{$option} here: on a real socket each side faults only the packets it sends, so give N, nth:N or this side's own packets by number (data:N on the client, ack:N or nak:N on the server)
rdt-error-never-hits = `{$value}` cannot be used with --{$option} on the {$side}: it never sends {$kind} packets, so the fault would never hit. Give it to the other side.
rdt-target-unknown = `{$kind}` is not something a fault can name: write data:N or ack:N (the packet with sequence number N, from 0; nak:N too), nth:N (the N-th packet on the link, from 1), or client:N / server:N (that side's N-th packet)
rdt-target-not-seq = `{$number}` is not a sequence number: {$kind}:N takes a whole number from 0 to 65535, as in {$kind}:1
rdt-target-not-count = `{$number}` is not a count: {$kind}:N counts packets from 1, as in {$kind}:2
rdt-target-not-bare = `{$number}` is not a fault target: write data:N, ack:N or nak:N (by sequence number, from 0), nth:N (the N-th packet on the link, from 1), or client:N / server:N
rdt-warn-rule-missed = {$rule} hit no packet: this run never sent the packet it names
rdt-warn-reorder-bits = with reordering, {$bits} sequence-number bits are too few to be safe: a late packet or ACK from the previous round can pass for a new one (use {$safe} or more)

## The ladder and the log.

rdt-ladder-timeout-is = timeout {$after}
rdt-ladder-corrupted = bit {$bit} flipped
rdt-ladder-secure = ✓ secure
rdt-ladder-wrong-key = ✗ wrong key
rdt-ladder-done = ✓ all acknowledged
rdt-ladder-timeout = ⏱ timeout, {$seq} again
rdt-ladder-buffered = buffers {$seq} {$window}
rdt-ladder-receive-window = window {$window}
rdt-ladder-deliver = ✓ delivers {$text}
rdt-ladder-nak = NAK {$seq}: resend
rdt-ladder-gave-up = ✗ gives up on {$seq}
rdt-ladder-footer = {$delivered} of {$submitted ->
    [one] {$submitted} message
   *[other] {$submitted} messages
} delivered · {$packets ->
    [one] {$packets} packet
   *[other] {$packets} packets
} · {$retransmissions ->
    [one] {$retransmissions} retransmission
   *[other] {$retransmissions} retransmissions
} · {$lost} lost · {$corrupted} corrupted
rdt-ladder-footer-done = all acknowledged at {$t} s
rdt-ladder-footer-refused = the handshake was refused
rdt-ladder-footer-wrong-key = the secure handshake failed
rdt-ladder-footer-unfinished = not finished
rdt-discard-corrupt = ✗ bad checksum
rdt-discard-malformed = ✗ malformed
rdt-discard-tampered = ✗ tampered: rejected
rdt-discard-duplicate = duplicate {$seq}: dropped
rdt-discard-out-of-order = {$seq} out of order: dropped
rdt-discard-outside-window = {$seq} outside the window
rdt-discard-duplicate-ack = ACK {$seq}: nothing new
rdt-discard-stale-nak = NAK {$seq}: stale
rdt-discard-unexpected = unexpected packet
rdt-log-noise = Noise message {$message}, {$len} bytes
rdt-log-deliver = ✓ message {$index} delivered ({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}): {$text}
rdt-log-timeout = ⏱ timeout: packet {$seq} goes again

## --bits

rdt-bits-line = The handshake line as it goes on the wire: {$len} bytes of text, the last a newline:
rdt-bits-noise = The Noise message, {$len} bytes (an ephemeral public key and a tag):
rdt-bits-title = rdt header, {$len} bytes (synack's packet format)
rdt-bits-type = Type
rdt-bits-flags = Flags
rdt-bits-length = Length
rdt-bits-checksum-title = Checksum, worked by hand (RFC 1071: the one's complement of the one's complement sum of 16-bit words):
rdt-bits-header-words = header as 16-bit words (checksum field as 0000):
rdt-bits-total = {$a} + {$b} = {$total}, with no carry to fold:
rdt-bits-total-carry = {$a} + {$b} = {$total}: more than 16 bits, so the carry is added back, {$low} + 1 = {$folded}:
rdt-bits-sealed = Sealed for the wire ({$len} bytes): nonce {$nonce} in 8 bytes, then the packet encrypted with ChaCha20 byte for byte, then a 16-byte Poly1305 tag
rdt-bits-plaintext = plaintext
rdt-bits-ciphertext = ciphertext
rdt-bits-tag = tag: {$tag} (any changed bit makes it fail)

## pcapng comments.

rdt-capture-comment = [{$who}] {$text}
rdt-capture-lost = LOST: this capture was taken at the sender; the channel dropped this packet and the receiver never saw it.
rdt-capture-corrupted = CORRUPTED: the channel flipped bit {$bit} of this packet on its way to the receiver.
rdt-capture-duplicated = DUPLICATED: the channel delivered this packet twice.
rdt-capture-reordered = REORDERED: the channel held this packet back; the next one overtook it.

## Real sessions.

rdt-server-listening = rdt server listening on {$addr} ({$secure}); waiting for MODO:<mode>;TAMANHO:<size>
rdt-server-secure = secure mode: Noise NNpsk0 with a pre-shared key
rdt-server-plain = no encryption
rdt-server-accept-failed = accept() failed: {$reason}
rdt-server-done = {$count ->
    [one] {$count} session
   *[other] {$count} sessions
} served; the server stops.
rdt-server-session-over = session with {$peer} over: {$delivered ->
    [one] {$delivered} message
   *[other] {$delivered} messages
} delivered, {$duplicates} duplicates discarded, {$corrupt} corrupt, {$tampered} tampered
rdt-server-session-failed = session with {$peer} failed: {$reason}
rdt-client-prompt = Type one message per line; `sair` or `quit` (or Ctrl-D) ends.
rdt-client-summary = {$delivered ->
    [one] {$delivered} message
   *[other] {$delivered} messages
} acknowledged · {$packets ->
    [one] {$packets} packet
   *[other] {$packets} packets
} sent, {$retransmissions} of them again · {$lost} lost and {$corrupted} corrupted by this side's fault layer · {$time} s

## synack rdt sim, lesson, compare

rdt-sim-title = Reliable transfer: {$mode}
rdt-sim-clean = A clean channel: nothing is lost, corrupted, duplicated or reordered.
rdt-sim-faults = A bad channel: {$faults}.
rdt-sim-loss = {$pct} % of packets lost
rdt-sim-corrupt = {$pct} % corrupted
rdt-sim-dup = {$pct} % duplicated
rdt-sim-reorder = {$pct} % reordered
rdt-sim-scripted = faults scripted by {$rules}
rdt-sim-bare = {$option} {$n} counts packets on the link, both directions, from 1: it means {$option} nth:{$n}. To hit the DATA packet numbered {$n}, write {$option} data:{$n}.
rdt-sim-seed = seed {$seed}
rdt-lesson-list-heading = Reliable-transfer lessons
rdt-lesson-list-footer = Run one with `synack rdt lesson run NAME` (add --explain, --bits, --json, --step), or write your own: see lessons/RDT.md.
rdt-compare-title = Stop-and-Wait, Go-Back-N and Selective Repeat over the same channel
rdt-compare-setup = {$messages} messages of {$len} bytes, at most {$size} bytes per packet, window {$window}, link {$latency} each way, timeout {$timeout}.
rdt-compare-protocol = protocol
rdt-compare-packets = packets
rdt-compare-retransmissions = retransmitted
rdt-compare-duplicates = duplicates
rdt-compare-goodput = goodput
rdt-compare-time = time
rdt-compare-gave-up = gave up
rdt-compare-unfinished = not done in 24 h
rdt-compare-legend = packets: sent by both sides, ACKs and NAKs included · retransmitted: data packets sent again · duplicates: data packets the receiver already had and threw away · goodput: message bytes delivered per second until the last ACK · time: when the last message was acknowledged.
rdt-compare-runs = {$runs} runs per protocol, with seeds {$first} to {$last} (the same seeds for all three); --runs 1 --seed S replays the run of seed S alone.
rdt-compare-range = min–max
rdt-compare-legend-runs = Each figure is the mean over the runs; the row under it gives the smallest and largest value. Goodput and time count only the runs that finished.
rdt-compare-ranking = Mean time to deliver every message, over {$runs} runs: {$order}.
rdt-compare-ranking-one = Time to deliver every message: {$order}.
rdt-compare-one-run = One run is one draw of the channel's luck: another seed can change this ranking. Run with --runs {$runs} or more to see whether it holds.
rdt-compare-no-luck = The channel has no random faults, so every run is the same: more runs change nothing.
rdt-compare-clear = {$fast} was faster than {$slow} in {$wins} of {$runs} runs, by {$gap} on average (95 % interval {$low} to {$high}): the difference is larger than the runs' spread, not luck of the seed.
rdt-compare-close = {$fast} and {$slow} are too close to rank: {$fast} was faster in {$wins} of {$runs} runs and {$slow} in {$losses}, and the 95 % interval of the mean gap ({$gap}) runs from {$low} to {$high}, which includes zero. More --runs would separate them if anything does.
rdt-compare-same = {$fast} and {$slow} took exactly the same time in every run.
rdt-compare-why-gbn = That can happen: Go-Back-N's ACKs are cumulative, so when an ACK is lost the next one confirms everything before it, while Selective Repeat acknowledges each packet alone and waits a whole timeout to resend a packet whose ACK was lost. This channel loses ACKs as often as data.
rdt-compare-why-gbn-more = Go-Back-N resent more ({$gbn} packets on average against {$sr}) but waited less.
rdt-compare-why-sr = Selective Repeat resends only the packets that were lost ({$sr} on average), while Go-Back-N resends its whole window after a timeout ({$gbn}): those extra packets cost it time.
rdt-compare-why-saw = Stop-and-Wait has one packet in flight, so every packet costs at least a round trip; the others keep up to {$window} in flight.
rdt-compare-none-finished = {$mode} finished no run.
rdt-compare-some-unfinished = {$mode} did not finish {$count} of {$runs} runs; its goodput and time count only the runs that finished.

## --explain

rdt-x-request = The client opens the session with one line of text: it asks for {$mode}, with at most {$size} bytes of data in each packet. No data moves until the server agrees.
rdt-x-request-garbled = The client opens the session with one line of text, but it is not a valid request.
rdt-x-reply = The server agrees and repeats what was agreed: {$mode}, at most {$size} bytes per packet, a window of {$window ->
    [one] {$window} packet
   *[other] {$window} packets
}, sequence numbers from 0 to {$max} (they count modulo {$space}).
rdt-x-mode-saw = Stop-and-wait: one packet at a time; the next goes only when the last is acknowledged.
rdt-x-mode-gbn = Go-Back-N: several packets in flight, cumulative ACKs, one timer for the oldest; after a timeout, everything unacknowledged goes again.
rdt-x-mode-sr = Selective Repeat: several packets in flight, one ACK and one timer per packet, and a receive buffer for packets that arrive early.
rdt-x-refused = The server refuses: its answer starts with Handshake ERRO and says why. No data will move.
rdt-x-noise-1 = Secure mode: the client starts a Noise NNpsk0 handshake. Its {$len} bytes are a fresh ephemeral public key (32 bytes) and a 16-byte tag made with the pre-shared key: only a server that holds the same key can check it.
rdt-x-noise-2 = The server answers with its own ephemeral key. Both sides now mix the two keys and the pre-shared key into two session keys, one for each direction.
rdt-x-secure = The secure channel is ready: from now on every packet is encrypted with ChaCha20-Poly1305 and carries a 16-byte tag, so a changed bit is caught and the contents stay secret.
rdt-x-wrong-key = The server cannot verify the client's first message: the two sides do not hold the same pre-shared key. The handshake fails and no data moves.
rdt-x-submit = The client's application hands over message {$index} ({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}). At most {$size} bytes fit in a packet, so it travels in {$packets ->
    [one] {$packets} packet
   *[other] {$packets} packets
}.
rdt-x-send-saw = Stop-and-wait: packet {$seq} ({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} of data) goes out, and the client sends nothing more until it is acknowledged.
rdt-x-send-gbn = Go-Back-N: packet {$seq} ({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}) goes out without waiting; {$inflight} of the {$window} packets the window allows {$inflight ->
    [one] is
   *[other] are
} now unacknowledged.
rdt-x-send-sr = Selective Repeat: packet {$seq} ({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}) goes out with a timer of its own; {$inflight} of the {$window} packets the window allows {$inflight ->
    [one] is
   *[other] are
} now unacknowledged.
rdt-x-send-end = Its END flag says it is the last of the {$pieces} packets of its message.
rdt-x-wrap = Sequence numbers wrap: after {$max} comes 0 again, since they count modulo {$space}.
rdt-x-window-full = The window is full: the next packet must wait for an ACK.
rdt-x-resend = Packet {$seq} again: the same sequence number and the same data, so the receiver can tell it from a new packet.
rdt-x-resend-nak = Packet {$seq} again, at once: the NAK said it arrived damaged. Same number, same data.
rdt-x-ack-saw = The server acknowledges packet {$seq}: it arrived intact and was the one expected.
rdt-x-ack-gbn = ACK {$seq} is cumulative: every packet up to {$seq} has arrived, in order.
rdt-x-ack-sr = ACK {$seq} confirms packet {$seq} alone: Selective Repeat acknowledges each packet by itself.
rdt-x-ack-again = The server acknowledges packet {$seq} again: the client evidently did not hear the first ACK.
rdt-x-ack-gbn-repeat = The server repeats ACK {$seq} for the last packet it took in order: a Go-Back-N receiver keeps nothing that arrives out of order.
rdt-x-ack-gbn-none = ACK {$seq}, the number just before 0, says that nothing has arrived in order yet.
rdt-x-nak = The server cannot trust anything in that packet, not even its number; it sends a NAK asking for packet {$seq}, the one it expects.
rdt-x-timeout-saw = No ACK for packet {$seq} within {$after}: the client sends it again.
rdt-x-timeout-gbn = Timeout: still no ACK for packet {$seq}. Go-Back-N goes back and sends every unacknowledged packet again: {$count ->
    [one] {$count} packet
   *[other] {$count} packets
}.
rdt-x-timeout-sr = The timer of packet {$seq} expires: Selective Repeat sends that packet again, and only that one.
rdt-x-attempt = This is attempt {$attempt}.
rdt-x-acked-saw = ACK {$seq} reaches the client: packet {$seq} is confirmed, so the next one may go.
rdt-x-acked = ACK {$seq} reaches the client: the window slides to start at {$base}, and {$free ->
    [one] {$free} new packet
   *[other] {$free} new packets
} may go out.
rdt-x-acked-hole = ACK {$seq} marks packet {$seq} as acknowledged, but the window cannot slide: packet {$base} still waits for its ACK.
rdt-x-nak-received = NAK {$seq} reaches the client: packet {$seq} arrived damaged, so it goes again now instead of waiting for the timer.
rdt-x-buffered = Packet {$seq} arrives early: packet {$base} is still missing. Selective Repeat keeps it in the receive buffer until the gap is filled.
rdt-x-receive-window = The gap is filled: the buffered packets go to the application in order, and the receive window now starts at {$base}.
rdt-x-deliver = Message {$index} is complete: the server hands {$text} ({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}) to its application, in order and exactly once.
rdt-x-gave-up = Packet {$seq} went unacknowledged {$attempts} times: the client gives up.
rdt-x-corrupt = The checksum does not match: the packet says {$carried}, but its bytes add up to {$computed}. A bit changed on the way, so the packet is thrown away.
rdt-x-corrupt-ack = A damaged ACK or NAK: it says {$carried}, its bytes add up to {$computed}. The client cannot trust it, ignores it and lets its timer decide.
rdt-x-malformed = The checksum matches, but the header makes no sense: the packet is thrown away.
rdt-x-tampered = The authentication tag does not verify: the packet was changed on the way. It is rejected and counted, never delivered; the protocol recovers as from a loss.
rdt-x-duplicate = Packet {$seq} was already received: a duplicate, thrown away, so nothing is delivered twice.
rdt-x-out-of-order = Packet {$seq} arrives, but the server expects {$expected}: Go-Back-N keeps no buffer, so it is thrown away.
rdt-x-outside-window = Packet {$seq} is outside the receive window: ignored.
rdt-x-duplicate-ack = ACK {$seq} acknowledges nothing new: the client ignores it.
rdt-x-stale-nak = NAK {$seq} is about a packet no longer outstanding: ignored.
rdt-x-unexpected = A packet of the wrong kind for this side: ignored.
rdt-x-damaged-sr = Selective Repeat sends nothing back for it: the timer of the damaged packet will bring it again.
rdt-x-lost = The channel loses this packet: it never arrives.
rdt-x-corrupted = On the way, the channel flips bit {$bit} (in byte {$byte}): the packet arrives, but not as it was sent.
rdt-x-duplicated = The channel delivers this packet twice.
rdt-x-reordered = The channel holds this packet back: the next one overtakes it.
rdt-x-scripted = (A scripted fault, {$rule}: it happens on every run.)
rdt-x-random = (A random fault, drawn from the seed: the same seed gives the same faults.)
rdt-x-done = Every message is acknowledged: the transfer is complete at {$t} s.

## The classic Fernet programs (rdt server|client --classic-fernet): key first, in the clear.
rdt-fernet-listening = classic Fernet server on {$addr}: each client sends its key first, in the clear, then one token per message (a lesson in what not to do; --secure is the fix). Ctrl-C stops it.
rdt-fernet-connected = {$peer} connected
rdt-fernet-over = session with {$peer} over
rdt-fernet-client-connected = connected to {$addr}
rdt-fernet-client-done = `sair` sent: the session is over
rdt-fernet-key-sent = → sends the Fernet key, in the clear: {$key}
rdt-fernet-key-received = ← the first 44 bytes are a Fernet key, sent in the clear: {$key}
rdt-fernet-key-warning = ⚠ This key just crossed the network in the clear. Anyone who captured this connection has it, and can decrypt every message of the session, before and after this one (synack explain does it from a capture). Fernet protects nothing when its key travels with the data. The fix: synack rdt server --secure and synack rdt client --secure, where a Noise handshake derives the keys on both sides, no key is ever on the wire, and a wrong key fails the handshake.
rdt-fernet-token-received = receives a token of {$len} bytes; decrypted: "{$text}"
rdt-fernet-token-sent = sends a token of {$len} bytes; encrypted from: "{$text}"
rdt-fernet-token-bad = a token of {$len} bytes that does not decrypt under this session's key
rdt-fernet-token-anatomy = Fernet token: version 0x80, made at {$time} s (Unix time), IV {$iv}, {$ciphertext} bytes of AES-128-CBC ciphertext, a 32-byte HMAC-SHA256. Only the ciphertext needs the key, and the key went by in the clear.
rdt-fernet-token-not-shaped = These bytes are not shaped like a Fernet token (version 0x80, time, IV, whole AES blocks, HMAC).
rdt-fernet-quit = the client sent `sair`: the session ends
rdt-fernet-left-without-quit = the client closed without sending `sair`: the session ends
rdt-fernet-error-key-cut = the client sent only {$got} of the key's {$len} bytes, then closed: a classic Fernet client sends its whole key first
rdt-fernet-error-not-a-key = the first {$len} bytes are not a Fernet key (44 URL-safe base64 characters of 32 bytes): "{$text}". Is the client a classic Fernet client?
rdt-fernet-error-bad-token = a token of {$len} bytes does not decrypt under this session's key: it was changed on the way, or made with another key
rdt-fernet-error-vanished = the peer closed the connection before answering
