## --explain: what each step means, with its arithmetic and the RFC section.
## Every narration message gets $who ("the client"), $who_cap ("The client"),
## $whose_cap ("The client's"), $of ("of the client"), $peer and $peer_of.

who-client = the client
who-client-start = The client
whose-client-start = The client's
of-client = of the client
who-server = the server
who-server-start = The server
whose-server-start = The server's
of-server = of the server

arith-bytes = {$n ->
    [one] {$n} byte
   *[other] {$n} bytes
}
arith-syn = 1 for the SYN
arith-fin = 1 for the FIN
arith-wrapped = (counting modulo 2^32: the number wrapped around past 4294967295)

what-syn = the SYN
what-syn-ack = the SYN,ACK
what-fin = the FIN
what-data = the data from seq = {$seq}
what-unacked = what is still unacknowledged

explain-syn = {$who_cap} opens the connection with a SYN: seq = {$seq} is its initial sequence number (ISN), which a real stack picks so it cannot be guessed. The SYN takes one sequence number, so its first data byte will be {$next} (RFC 9293 §3.4, §3.5).
explain-syn-ack = {$who_cap} accepts with a SYN,ACK: seq = {$seq} is its own ISN, and the ACK bit acknowledges the SYN {$peer_of} (RFC 9293 §3.5).
explain-syn-options = Options: {$options}. Each side can announce them only in its SYN, so both know the other's limits before any data moves (RFC 9293 §3.7.1, RFC 7323).
explain-window = win = {$win}: the most bytes {$peer} may send before it must wait for an acknowledgment (RFC 9293 §3.8.6).
explain-data = {$who_cap} sends {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} {$text}, numbered {$first} to {$last} (RFC 9293 §3.4).
explain-psh = PSH asks the receiver to pass the data to its application without waiting for more (RFC 9293 §3.9.1).
explain-fin = {$who_cap} has nothing more to send: FIN. Like a SYN, the FIN takes one sequence number, {$seq} (RFC 9293 §3.6).
explain-ack = {$who_cap} acknowledges what arrived. No data and no SYN or FIN, so this segment takes no sequence number of its own (RFC 9293 §3.4).
explain-dup-ack = {$who_cap} repeats its acknowledgment: what arrived was a copy, out of order or outside the window, and ack = {$ack} still names the first byte it is missing (RFC 9293 §3.10.7.4).
explain-challenge-ack = {$who_cap} answers with a "challenge ACK" instead of obeying: if the peer really meant it, it will reply with an RST carrying exactly the expected sequence number (RFC 5961).
explain-window-update = {$whose_cap} application read the waiting data, so the window opens again to {$win} bytes: a window update (RFC 9293 §3.8.6.2.2).
explain-window-probe = The window {$peer} announced is zero, so {$who} sends a single byte to find out when it opens: a zero-window probe (RFC 9293 §3.8.6.1).
explain-fast-retransmit = {$who_cap} received three duplicate ACKs in a row, so it resends seq = {$seq} at once instead of waiting for its timer: a fast retransmit (RFC 5681 §3.2).
explain-rst-no-connection = Nothing listens on port {$port}, so the TCP {$of} answers with a reset: any segment for a connection that does not exist gets an RST (RFC 9293 §3.5.2, §3.10.7.1).
explain-rst-ack-in-listen = {$who_cap} is only listening, and an ACK cannot be right in LISTEN: it answers with an RST whose seq is that ACK number (RFC 9293 §3.10.7.2).
explain-rst-unacceptable-ack = {$who_cap} got an ACK for something it never sent: it answers with an RST, seq = SEG.ACK = {$seq} (RFC 9293 §3.10.7.3).
explain-rst-abort = {$whose_cap} application aborted: its TCP sends an RST with seq = SND.NXT = {$seq} and forgets the connection at once, with no FIN and no TIME-WAIT (RFC 9293 §3.10.5).
explain-retransmission = This is a retransmission: the same sequence number, {$seq}, because it carries the same bytes (or the same SYN or FIN) again (RFC 9293 §3.8.1).
explain-seq-arith = seq = {$arith}: the number right after what {$who} sent before (RFC 9293 §3.4).
explain-ack-arith = ack = {$arith}: the next byte {$who} expects from {$peer} (RFC 9293 §3.4).
explain-ack-plain = ack = {$ack}: every byte before {$ack} has arrived (RFC 9293 §3.4).
explain-zero-window = win = 0: the receive buffer {$of} is full, and {$peer} must stop sending until it opens (RFC 9293 §3.8.6).

explain-drop = The link loses this segment, so {$peer} never sees it; {$who} will only find out when its retransmission timer runs out.
explain-drop-random = (A random loss, at the link's loss rate.)
explain-fault-duplicate = The link delivers this segment twice: {$peer} must notice the copy and drop it.
explain-fault-delay = The link holds this segment back {$delay} longer than usual.
explain-fault-reorder = The link holds this segment back so the next one overtakes it: {$peer} will see them out of order.

explain-state-listen = {$who_cap} moves to {$to}: a passive open; it sends nothing and waits for a SYN (RFC 9293 §3.10.1).
explain-state-connect = {$who_cap} moves to {$to}: an active open; its SYN goes out and it waits for the answer (RFC 9293 §3.5).
explain-state-close-fin-wait-1 = {$who_cap} moves to {$to}: its application closed, so a FIN follows the data; it waits for that FIN to be acknowledged (RFC 9293 §3.10.4).
explain-state-close-last-ack = {$who_cap} moves to {$to}: {$peer} had already closed; now it sends its own FIN and waits for the last ACK (RFC 9293 §3.6).
explain-state-close-before-open = {$who_cap} moves to {$to}: closing in {$from} needs no segment at all (RFC 9293 §3.10.4).
explain-state-abort = {$who_cap} moves to {$to}: an abort deletes the connection at once (RFC 9293 §3.10.5).
explain-state-recv-syn = {$who_cap} moves to {$to}: a SYN arrived; it answers SYN,ACK and waits for the ACK that completes the handshake (RFC 9293 §3.10.7.2).
explain-state-simultaneous-syn = {$who_cap} moves to {$to}: a SYN arrived while its own SYN was still unanswered, a simultaneous open; it answers SYN,ACK (RFC 9293 §3.5, Figure 7).
explain-state-recv-syn-ack = {$who_cap} moves to {$to}: the SYN,ACK acknowledges its SYN, so both sequence numbers are known; it confirms with an ACK (RFC 9293 §3.10.7.3).
explain-state-ack-of-syn = {$who_cap} moves to {$to}: its SYN has been acknowledged, and the connection is open in both directions (RFC 9293 §3.10.7.4).
explain-state-fin-close-wait = {$who_cap} moves to {$to}: {$peer} will send no more data, but this side may still send until its own application closes (RFC 9293 §3.6).
explain-state-fin-closing = {$who_cap} moves to {$to}: the FIN {$peer_of} crossed its own, both closed at once, and it waits for its FIN to be acknowledged (RFC 9293 §3.6, Figure 13).
explain-state-fin-time-wait = {$who_cap} moves to {$to}: the FIN {$peer_of} arrived too; it acknowledges it and waits 2×MSL so that no stray segment of this connection survives (RFC 9293 §3.6).
explain-state-ack-of-fin-fin-wait-2 = {$who_cap} moves to {$to}: its FIN is acknowledged; it can still receive, and waits for the FIN {$peer_of} (RFC 9293 §3.10.7.4).
explain-state-ack-of-fin-time-wait = {$who_cap} moves to {$to}: its FIN is acknowledged as well; now it waits 2×MSL (RFC 9293 §3.10.7.4).
explain-state-ack-of-fin-closed = {$who_cap} moves to {$to}: the last ACK arrived and the connection is gone (RFC 9293 §3.10.7.4).
explain-state-fin-ack-of-fin = {$who_cap} moves to {$to}: one segment both acknowledged its FIN and carried the FIN {$peer_of}, so it skips FIN-WAIT-2 (RFC 9293 §3.10.7.4).
explain-state-rst-syn-sent = {$who_cap} moves to {$to}: the RST acknowledges its SYN, so the connection was refused (RFC 9293 §3.10.7.3).
explain-state-rst = {$who_cap} moves to {$to}: an RST with exactly the expected sequence number ends the connection (RFC 9293 §3.10.7.4, RFC 5961).
explain-state-back-to-listen = {$who_cap} moves to {$to}: the half-open connection is dropped and it listens again (RFC 9293 §3.10.7.4).
explain-state-time-wait-expired = {$who_cap} moves to {$to}: 2×MSL have passed, so no old segment of this connection can still be in the network (RFC 9293 §3.6, §3.10.8).
explain-state-retransmit-limit = {$who_cap} moves to {$to}: it retransmitted too many times without an answer and gives up (RFC 9293 §3.8.3).

explain-timer-rto = No ACK within the {$after} retransmission timeout (RTO): {$who} sends {$what} again and doubles its timer to {$next} (attempt {$attempt}; RFC 6298 §5.5).
explain-timer-time-wait = 2×MSL = {$after} have passed since {$who} entered TIME-WAIT (RFC 9293 §3.10.8).
explain-timer-persist = The persist timer {$of} fired while the window is zero, so it probes the window (RFC 9293 §3.8.6.1).

explain-call-listen = {$whose_cap} application calls listen(): its TCP will accept a SYN on this port (a passive OPEN, RFC 9293 §3.10.1).
explain-call-connect = {$whose_cap} application calls connect() to {$remote}: an active OPEN (RFC 9293 §3.10.1).
explain-call-send = {$whose_cap} application hands {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} to TCP with send(); TCP decides how to cut them into segments (RFC 9293 §3.10.2).
explain-call-close = {$whose_cap} application calls close(): it has nothing more to send, though it can still receive (RFC 9293 §3.10.4).
explain-call-abort = {$whose_cap} application calls abort(): drop everything, now (RFC 9293 §3.10.5).
explain-call-pause = {$whose_cap} application stops reading: data piles up in the receive buffer and the window it announces shrinks.
explain-call-resume = {$whose_cap} application reads everything waiting: the buffer empties and the window opens.
explain-data-received = {$whose_cap} application receives {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}: {$text}.
explain-error-refused = {$whose_cap} application is told "connection refused": nothing was listening.
explain-error-reset = {$whose_cap} application is told "connection reset": the other side aborted.
explain-error-timed-out = {$whose_cap} application is told "connection timed out": no answer after every retransmission.

explain-discard = {$who_cap}: {$what}. {$why}
explain-discard-reset-ignored = An RST is never answered, whatever is wrong with it (RFC 9293 §3.10.7).
explain-discard-outside-window = Its sequence number lies outside the receive window; an ACK tells the sender what is really expected (RFC 9293 §3.10.7.4).
explain-discard-reset-not-exact = An RST must carry exactly the next expected sequence number; this one is only close, so it gets a challenge ACK (RFC 5961 §3.2).
explain-discard-unexpected-syn = A SYN on an open connection could be an attack or a restarted peer, so it gets a challenge ACK (RFC 5961 §4).
explain-discard-not-a-connection-request = Without a SYN there is no connection to start (RFC 9293 §3.10.7.2, §3.10.7.3).
explain-discard-no-ack = Once both sides are synchronized, every segment must carry the ACK bit (RFC 9293 §3.10.7.4).
explain-discard-ack-of-unsent-data = It acknowledges data that was never sent (RFC 9293 §3.10.7.4).
explain-discard-duplicate = It is a copy of something already received; the ACK is repeated in case the first one was lost (RFC 9293 §3.10.7.4).
explain-discard-repeated-syn = The peer sent its SYN again, so the SYN,ACK must have been lost: it is sent again (RFC 9293 §3.8.1).
explain-dupack = Duplicate ACK number {$count}: {$peer} still expects seq = {$ack}; the third one in a row triggers a fast retransmit (RFC 5681 §3.2).
explain-out-of-order = {$who_cap} got {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} at seq = {$seq}, after a gap: it keeps them for later and repeats its ACK for the missing bytes (RFC 9293 §3.10.7.4).

explain-state-inferred-listen = {$who_cap} must have been in {$to}: a SYN reached it, and only a listening socket accepts one (RFC 9293 §3.10.7.2).
explain-state-mid-stream = {$who_cap} is taken as {$to}: the capture began after the handshake, so the connection was already open.
explain-note-mid-stream = The capture starts in the middle of a connection: its handshake happened before the capture began, so both sides are taken as ESTABLISHED.
explain-note-retransmission = This segment repeats sequence numbers already sent: a retransmission. The sender did not see an acknowledgment in time, or the first copy was lost (RFC 9293 §3.8.1).
explain-note-dup-ack = Duplicate ACK number {$count}: {$who} still acknowledges only up to {$ack}, a sign that a segment after it went missing; three in a row make the sender retransmit at once (RFC 5681 §3.2).
explain-note-not-captured = The sequence number jumps ahead: {$missing} bytes sent by {$who} before this segment never appeared in the capture. They were lost on the way, or the capture missed them.
explain-note-out-of-order = These {$len} bytes come below data already seen, less than {$rtt} after it ({$rtt_why}): too soon for the sender to have repeated them, so, like Wireshark, synack takes them as reordered on the way. The receiver keeps out-of-order bytes and uses them once the gap fills (RFC 9293 §3.10.7.4).
explain-note-out-of-order-again = Out of order again: {$len} bytes below data already seen.
ooo-rtt-initial = the handshake's round-trip time
ooo-rtt-default = 3 ms, since no handshake gave a round-trip time
explain-note-zero-window = The window is 0: the receive buffer {$of} is full, and {$peer} must stop sending until a window update (RFC 9293 §3.8.6).
explain-note-window-update = Only the window changed, to {$window} bytes: {$who} has room again and says so (RFC 9293 §3.8.6.2.2).
explain-note-truncated = The capture kept only the first {$captured} of the {$len} data bytes (its snap length); the rest is shown as zeros.
explain-note-relative = {$whose_cap} ISN is {$isn}; like Wireshark, the numbers below count from it as 0 (run with --absolute for the real numbers).
explain-udp = A UDP datagram from {$src} to {$dst}, {$len} bytes: no connection, no sequence numbers, no acknowledgment; it arrives whole or not at all (RFC 768).
explain-note-fast-retransmission = A fast retransmission: duplicate ACKs asked for these bytes, so {$who} sends them again at once, without waiting for its timer (RFC 5681 §3.2).
explain-note-spurious-retransmission = A spurious retransmission: {$peer} had already acknowledged every byte of it, so this copy was not needed.
explain-note-acked-unseen = This ACK covers {$unseen} bytes the capture never showed: they passed where the capture could not see them.
explain-note-zero-window-probe = Zero-window probe number {$attempt}: one byte past the closed window, sent by the persist timer to ask whether {$peer} has room again (RFC 9293 §3.8.6.1).
explain-note-zero-window-probe-ack = The answer to a zero-window probe: the window is still closed.
explain-note-window-full = This segment fills the {$window}-byte window {$peer} offered to its edge: {$who} must wait for an acknowledgment before sending more.
explain-note-keep-alive = A keep-alive: no new data, one sequence number below the next, to ask whether {$peer} is still there (RFC 9293 §3.8.4).
explain-note-keep-alive-ack = The answer to a keep-alive: {$who} is still there.
explain-note-reused-ports = A new SYN on the ports of an earlier connection, with a new ISN: a new connection, not a retransmission.
explain-note-initial-rtt = The handshake took {$rtt} from SYN to the final ACK: the initial round-trip time.
explain-note-acks = This acknowledges the segment of frame {$frame}, {$rtt} after it was sent (its round-trip time).
explain-note-window-scale = Both SYNs offered window scaling, so every later window is multiplied (RFC 7323 §2.2).
explain-note-lost-after-capture = This segment passed the capture point but never arrived: later packets show it was lost.
explain-note-control-words = The data reads "{$text}": words like TCP's own SYN, ACK and FIN, but this is the program's application data, carried inside a {$flags} segment whose real TCP sequence number is {$seq}. TCP's real handshake was the flag bits of frames {$syn}, {$synack} and {$ack}, with TCP's own sequence numbers; the numbers in this text are the program's, not TCP's.
explain-note-control-words-unseen = The data reads "{$text}": words like TCP's own SYN, ACK and FIN, but this is the program's application data, carried inside a {$flags} segment whose real TCP sequence number is {$seq}. TCP's real handshake is the flag bits in the headers, before this capture began; the numbers in this text are the program's, not TCP's.
explain-note-control-words-again = More of the program's own words, "{$text}": application data in a {$flags} segment, not TCP's flags.
explain-note-control-words-plain = The data reads "{$text}", like TCP's own control words, but it is application data inside a segment; TCP's real flags are in the header.
explain-note-window-scale-off = Not both SYNs offered window scaling, so every window is plain bytes (RFC 7323 §2.2).

## The why of a capture: timers, fast retransmit, SACK, windows, options.
explain-frame = Frame {$frame}:
explain-syn-isn = {$who_cap} opens the connection with a SYN. Its initial sequence number (ISN) is {$isn}, shown as 0: like Wireshark, synack counts each side's numbers from its ISN (--absolute shows the real ones). A real stack picks the ISN so it cannot be guessed. The SYN takes one sequence number, so the first data byte will be 1 (RFC 9293 §3.4, §3.5).
explain-syn-ack-isn = {$who_cap} accepts with a SYN,ACK. Its own ISN is {$isn}, shown as 0, and the ACK bit acknowledges the SYN {$peer_of} (RFC 9293 §3.5).
explain-options = Options: {$options}.
option-mss = MSS={$mss}, the largest segment {$who} accepts (only in a SYN, RFC 9293 §3.7.1)
option-ws = WS={$shift}, ×{$factor}: the windows {$of} after the handshake are multiplied by 2^{$shift} = {$factor}, the factor Wireshark shows (only in a SYN, RFC 7323 §2.2)
option-sack-permitted = SACK-permitted: {$who} can report blocks it holds beyond a gap (only in a SYN, RFC 2018)
option-timestamps = TSval={$value} TSecr={$echo}: timestamps, carried on every segment but an RST once both SYNs have them, to measure the round trip and to reject old duplicates (RFC 7323 §3, §5)
option-sack = SACK blocks, on an ACK: the ranges beyond a gap that {$who} already holds (RFC 2018)
explain-window-syn = win = {$win}: the most bytes {$peer} may send before it must wait for an acknowledgment. A SYN's window is never scaled (RFC 9293 §3.8.6, RFC 7323 §2.2).
explain-window-scaled = win = {$win} ×{$factor} = {$bytes} bytes: the window field is multiplied by the factor {$who} announced in its SYN, so {$peer} may send up to {$bytes} bytes beyond the acknowledged ones (RFC 7323 §2.2).
explain-window-unscaled = win = {$win} bytes: no window scaling was agreed, so the field is the window itself (RFC 9293 §3.8.6).
explain-window-unknown = win = {$win}: the handshake is not in the capture, so its scale factor is unknown and the window is shown unscaled, as Wireshark does (RFC 7323 §2.2).
resent-bytes = bytes {$first}–{$last}
resent-byte = byte {$first}
resent-syn-ack = the SYN,ACK
resent-syn = the SYN
resent-fin = the FIN
resent-keep = sequence number {$seq}
resent-from = first sent in frame {$frame}
resent-unseen = its first copy is not in the capture
explain-note-resent = {$attempt ->
    [1] A retransmission
   *[other] Retransmission number {$attempt}
} of {$what} ({$from}).
explain-note-rto-once = It went out {$gap} after the previous copy with no acknowledgment in between: the retransmission timer {$of} expired (RFC 6298 §5).
explain-note-rto-doubled = The timer doubled each time: {$gaps} (RFC 6298 §5.5). {$peer_cap} never acknowledged these bytes.
explain-note-rto-gaps = The gaps between the copies were {$gaps}; {$peer} acknowledged none of them (RFC 6298 §5).
explain-note-fast-resent = A fast retransmission of {$what} ({$from}): three duplicate ACKs asked for it, so {$who} sends it again at once, without waiting for its timer (fast retransmit, RFC 5681 §3.2).
explain-note-spurious-resent = A spurious retransmission of {$what} ({$from}): {$peer} had already acknowledged every byte of it, so this copy was not needed.
explain-note-asked-for = Wireshark calls this segment out of order, because it came within the initial round-trip time of newer data; synack calls it a retransmission, and the TCP timestamps decide it: its TSval {$tsval} is later than the newer data's TSval {$newer}, so {$who} sent it after that data (RFC 7323 §3), and {$peer} had asked for exactly these bytes with {$dupacks} duplicate ACKs before it came. A segment the network reordered would carry the older timestamp.
explain-note-dup-ack-first = Duplicate ACK 1 for byte {$ack}{$original}: a segment arrived beyond a gap, so {$who} acknowledges again only up to {$ack}, the first byte it is missing (RFC 9293 §3.10.7.4).
explain-note-dup-ack-more = Duplicate ACK {$count} for byte {$ack}: {$who} is still missing it.
explain-note-dup-ack-third = The third duplicate ACK for byte {$ack}: now {$peer} should retransmit it at once, without waiting for its timer (fast retransmit, RFC 5681 §3.2).
explain-note-dup-ack-later = Duplicate ACK {$count} for byte {$ack}: each one tells {$peer} that one more segment has left the network (fast recovery, RFC 5681 §3.2).
dup-ack-original = , repeating frame {$frame}
explain-note-sack = Its SACK blocks say {$who} already holds bytes {$blocks}; only what lies before them is missing (RFC 2018).
explain-note-probe = Zero-window probe {$attempt}, {$since} after {$attempt ->
    [1] the window closed
   *[other] the previous probe
}: {$whose_cap} persist timer asks whether {$peer} has room again, and it waits longer before each new probe (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17).
explain-note-keep-alive-since = A keep-alive after {$since} of silence: no new data, one sequence number below the next, so {$peer} must answer with an ACK if it is still there. Linux sends the first after TCP_KEEPIDLE (2 hours unless the application sets it) and repeats every TCP_KEEPINTVL (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6).
explain-note-acks-rtt = It acknowledges frame {$frame}, sent {$rtt} earlier: that segment's round-trip time (RFC 6298 §2).
explain-note-window-scale-factors = Both SYNs offered window scaling: every later window {$client_of} is multiplied by {$client}, every window {$server_of} by {$server} (RFC 7323 §2.2).
explain-note-initial-rtt-why = The handshake took {$rtt} from SYN to the final ACK: the initial round-trip time. Like Wireshark, synack uses it to tell a segment the network reordered from one the sender repeated.
explain-note-truncated-once = The capture kept only the first {$captured} of the {$len} data bytes (its snap length); the rest is shown as zeros. Later segments cut short the same way are not mentioned again.
explain-roles-guessed = The handshake is not in the capture, so the roles are guessed from the ports: {$server} is taken as the server (a well-known port, or the lower one).
payload-binary = binary, {$hex}
explain-note-simultaneous-syn-ack = Wireshark marks this SYN,ACK a retransmission: it carries the same sequence number as the SYN {$who} sent in frame {$frame}. Nothing was lost: in a simultaneous open each side answers the other's SYN with a SYN,ACK that repeats its own SYN and now acknowledges the peer's (RFC 9293 §3.5, Figure 7).
explain-note-not-keep-alive = Wireshark calls this a keep-alive, because it is one byte just below the next sequence number; but {$peer} had not acknowledged that byte yet, so {$who} is sending it again, not probing: a keep-alive repeats a byte already acknowledged (RFC 9293 §3.8.4).
explain-note-syn-ack-again = It went out only {$gap} after the previous copy: too soon for a retransmission timer, so {$who} is answering a SYN that reached it again (a copy the network delayed or the peer repeated); the first SYN,ACK is not shown to be lost.
explain-note-resent-early = It went out only {$gap} after the previous copy: too soon for a retransmission timer (Linux waits at least 200 ms, RFC 6298 §2.4 asks for 1 s), so {$who} must have judged the first copy lost from the ACKs and SACK blocks that came back (loss recovery, RFC 6675, RFC 8985).
explain-note-keep-alive-persist = Wireshark calls this a keep-alive, by its shape: no data, one sequence number below the next. But the window {$peer} offered is 0, so this is a zero-window probe: Linux's persist timer sends probes of this shape, this one {$since} after the previous segment, waiting twice as long each time, until the window opens (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17).
explain-note-persist-again = Another zero-window probe, {$since} after the previous segment: the persist timer waits about twice as long each time (RFC 1122 §4.2.2.17).
explain-note-keep-alive-again = Another keep-alive, {$since} after the previous segment.
explain-note-lost-repeated-syn = This segment passed the capture point but never arrived: in frame {$frame} {$peer} sends its SYN again, which it would not do had this SYN,ACK reached it. {$peer_cap} stays where it was.
explain-note-lost-resent = This segment passed the capture point but never arrived: frame {$frame} carries the same bytes again, and nothing acknowledged them in between: had this copy arrived, {$peer} would have acknowledged it.
explain-note-lost-peer-resent = This acknowledgment passed the capture point but never arrived: in frame {$frame} {$peer} sends again bytes it covers, long after it would have been received.

## The classic Fernet programs in a capture: a key in the clear, then tokens it opens.
explain-note-fernet-key = These first bytes of the connection are a Fernet key, sent in the clear: {$key}. This is how the classic Fernet programs begin, and it undoes their encryption: anyone who captured the connection, as this capture did, holds the key and can decrypt every token that follows; synack does it below. The fix is a key that never crosses the network: synack rdt server --secure and synack rdt client --secure run a Noise handshake that derives the keys on both sides, so nothing on the wire opens the messages, and a wrong key fails the handshake instead of reading anything.
explain-note-fernet-token = A Fernet token of {$len} bytes; with the key seen in the clear in frame {$frame}, it decrypts to "{$text}".
explain-note-fernet-bad = {$len} bytes that do not decrypt with the key seen in frame {$frame}: changed on the way, made with another key, or not a Fernet token.

explain-cc-initial = {$whose_cap} congestion window started, when the handshake ended, at the initial window IW = {$segments}·SMSS = {$segments} × {$smss} = {$cwnd} bytes (RFC 5681 §3.1: 4 segments for an SMSS up to 1095 bytes, 3 up to 2190, 2 above), with ssthresh "arbitrarily high": slow start. At most min(cwnd, the peer's window) bytes may be unacknowledged.
explain-cc-initial-lost-syn = {$whose_cap} congestion window started, when the handshake ended, at one segment, cwnd = 1·SMSS = {$cwnd} bytes, because a segment of its handshake had to be sent again (RFC 5681 §3.1), with ssthresh "arbitrarily high": slow start.
explain-cc-initial-plain = {$whose_cap} congestion window started, when the handshake ended, at cwnd = {$cwnd} bytes, the initial window of RFC 5681 §3.1 (2 to 4 segments, by SMSS), with ssthresh "arbitrarily high": slow start.
explain-cc-slow-start-first = Slow start (RFC 5681 §3.1, equation 2): while cwnd is below ssthresh, still arbitrarily high, each ACK of new data adds min(bytes acknowledged, SMSS) to cwnd: {$before} + {$added} = {$cwnd}. One segment more per ACK doubles cwnd every round trip; the ACKs that follow grow it the same way, and nothing more is said of it until the phase changes.
explain-cc-slow-start = Slow start again (RFC 5681 §3.1, equation 2): cwnd is below ssthresh = {$ssthresh}, so each ACK of new data adds min(bytes acknowledged, SMSS): {$before} + {$added} = {$cwnd}. cwnd doubles every round trip until it reaches ssthresh.
explain-cc-avoidance = Congestion avoidance (RFC 5681 §3.1, equation 3): cwnd = {$before} is no longer below ssthresh = {$ssthresh}, so each ACK of new data adds only SMSS·SMSS/cwnd = {$smss}·{$smss}/{$before} = {$added} bytes (whole bytes): {$before} + {$added} = {$cwnd}. About one segment per round trip instead of one per ACK: the window now grows linearly, probing gently for room.
explain-cc-avoidance-plain = Congestion avoidance (RFC 5681 §3.1, equation 3): cwnd is no longer below ssthresh = {$ssthresh}, so each ACK of new data adds about SMSS·SMSS/cwnd, one segment per round trip: {$before} + {$added} = {$cwnd}.
explain-cc-fast-retransmit = Three duplicate ACKs say a segment was lost while later ones got through, so {$who} halves its sending (RFC 5681 §3.2, steps 2 and 3): ssthresh = max(FlightSize/2, 2·SMSS) = max({$flight}/2, {$two_smss}) = max({$half}, {$two_smss}) = {$ssthresh}; cwnd = ssthresh + 3·SMSS = {$ssthresh} + {$three_smss} = {$cwnd}, counting the three segments the duplicates show have left the network. Fast recovery begins.
explain-cc-fast-retransmit-plain = Three duplicate ACKs: ssthresh = max(FlightSize/2, 2·SMSS) = {$ssthresh} and cwnd = ssthresh + 3·SMSS = {$cwnd} (RFC 5681 §3.2, steps 2 and 3). Fast recovery begins.
explain-cc-fast-recovery = Each further duplicate ACK in fast recovery means one more segment has left the network, so cwnd grows by one SMSS: {$before} + {$added} = {$cwnd} (RFC 5681 §3.2 step 4). Once cwnd is above what is in flight, new data goes out while the lost segment is repaired; the next duplicates inflate it the same way.
explain-cc-recovery-end = ack = {$ack} acknowledges new data, the lost segment included: fast recovery ends, and cwnd deflates to ssthresh = {$cwnd}, the value set at the third duplicate ACK (RFC 5681 §3.2 step 6). cwnd is not below ssthresh, so congestion avoidance follows, not slow start.
explain-cc-timeout = A timeout is the strongest sign of congestion (RFC 5681 §3.1, equation 4): ssthresh = max(FlightSize/2, 2·SMSS) = max({$flight}/2, {$two_smss}) = max({$half}, {$two_smss}) = {$ssthresh}, and cwnd falls to the loss window, one segment: cwnd = 1·SMSS = {$cwnd}. Slow start begins again from there.
explain-cc-timeout-held = The timer had already resent this segment, so ssthresh stays {$ssthresh} (RFC 5681 §3.1), and cwnd is the loss window, one segment: {$cwnd}.
