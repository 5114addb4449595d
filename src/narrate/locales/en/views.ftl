## Words the views print beside the arrows.

host-client = client
host-server = server
ladder-frame = No.
ladder-time = time
ladder-hosts = client {$client} ⇄ server {$server}
ladder-link = link {$latency} each way
ladder-lost = lost
ladder-lost-random = lost (random loss)
ladder-footer = client {$client_state} · server {$server_state} · {$segments ->
    [one] {$segments} segment
   *[other] {$segments} segments
} · {$lost} lost · {$retransmissions ->
    [one] {$retransmissions} retransmission
   *[other] {$retransmissions} retransmissions
}
ladder-timer-rto = ⏱ no ACK in {$after} (RTO)
ladder-timer-time-wait = ⏱ 2×MSL = {$after} over
ladder-timer-persist = ⏱ persist timer: probe the window
ladder-data = ▸ app reads {$text} ({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
})
ladder-error-refused = ✗ connection refused
ladder-error-reset = ✗ connection reset
ladder-error-timed-out = ✗ connection timed out
ladder-dupack = duplicate ACK #{$count}
ladder-out-of-order = out of order: seq={$seq} ({$len} bytes) kept for later
ladder-fault-duplicate = the link duplicates it
ladder-fault-delay = the link delays it by {$delay}
ladder-fault-reorder = the link holds it back (reordering)
ladder-send-bytes = send({$len ->
    [one] {$len} byte
   *[other] {$len} bytes
})
ladder-pause-reading = app stops reading
ladder-resume-reading = app reads again
discard-reset-ignored = RST ignored
discard-outside-window = discarded: outside the window, ACK sent
discard-reset-not-exact = RST not at RCV.NXT: challenge ACK
discard-unexpected-syn = unexpected SYN: challenge ACK
discard-not-a-connection-request = discarded: not a SYN
discard-no-ack = discarded: no ACK bit
discard-ack-of-unsent-data = discarded: ACK of data never sent
discard-duplicate = duplicate discarded, ACK sent
discard-repeated-syn = repeated SYN: SYN,ACK sent again
capture-comment = [{$who}, {$state}] {$text}
capture-comment-lost = LOST: this capture was taken at the sender; the link dropped this segment and the receiver never saw it.
ladder-udp = UDP {$src} → {$dst}, {$len} bytes {$text}
note-mid-stream = caught mid-stream
note-retransmission = ↻ retransmission
note-dup-ack = duplicate ACK #{$count}
note-not-captured = ⚠ {$missing} bytes before this not seen
note-out-of-order = ⇅ out of order: fills a gap
note-zero-window = ⚠ zero window
note-window-update = window update: {$window}
note-truncated = only {$captured} of {$len} bytes captured
note-relative = ISN {$isn} shown as 0

wire-error-too-short = the frame is {$len} bytes, too short for {$what}
wire-error-ip-version = IP version {$version} is neither 4 nor 6
wire-error-ip-header-length = the IPv4 header length {$len} is less than 20 bytes
wire-error-ip-total-length = the IP total length {$total} is smaller than the {$header}-byte header
wire-error-data-offset = the TCP data offset {$len} is less than 20 bytes
wire-error-option = the TCP option of kind {$kind} is malformed
wire-error-options-too-long = the TCP options do not fit in 40 bytes
wire-error-too-large = the segment does not fit in one IP packet
wire-error-mixed-families = the addresses mix IPv4 and IPv6
wire-part-ethernet = an Ethernet header
wire-part-vlan = a VLAN tag
wire-part-loopback = a loopback header
wire-part-linux-cooked = a Linux cooked header
wire-part-ip = an IP header
wire-part-ipv4 = an IPv4 header
wire-part-ipv4-options = the IPv4 header with its options
wire-part-ipv6 = an IPv6 header
wire-part-ipv6-extension = an IPv6 extension header
wire-part-ipv6-extensions = the IPv6 extension headers
wire-part-tcp = a TCP header
wire-part-tcp-options = the TCP header with its options
wire-part-udp = a UDP header
note-fast-retransmission = ↻ fast retransmission
note-spurious-retransmission = ↻ spurious retransmission
note-acked-unseen = ⚠ ACKs {$unseen} bytes not seen
note-zero-window-probe = zero-window probe #{$attempt}
note-zero-window-probe-ack = zero-window probe ACK
note-window-full = window full: {$window}
note-keep-alive = keep-alive
note-keep-alive-ack = keep-alive ACK
note-reused-ports = ports reused: a new connection
note-initial-rtt = initial RTT {$rtt}
note-acks = ACK of frame {$frame}
note-window-scale = window scaling on
note-window-scale-off = no window scaling
note-lost-after-capture = ✗ lost after the capture point
note-control-words = TCP words in the data

## The classic Fernet programs in a capture.
note-fernet-key = Fernet key in the clear
note-fernet-token = decrypts to "{$text}"
note-fernet-bad = does not decrypt
ladder-congestion = cwnd {$cwnd} · ssthresh {$ssthresh}
ladder-congestion-high = cwnd {$cwnd} · ssthresh ∞
