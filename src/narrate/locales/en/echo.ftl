## Real sockets: the echo server, client and demo, socket calls explained, live capture.

echo-who-server = server
echo-who-client = client
echo-who-client-n = client {$n}

echo-message-sending = sends {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} to {$peer}: {$text}
echo-message-received = received {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} from {$peer}: {$text}
echo-message-more-bytes = … and {$more ->
    [one] {$more} more byte
   *[other] {$more} more bytes
}

echo-server-listening = {$proto} echo server on {$addr}
echo-server-accept-failed = accept() failed ({$reason}); going on with the next client
echo-server-connection = new connection from {$peer}, port {$port}: an ephemeral port the client's kernel picked, so every connection is a different pair of ports
echo-server-connection-error = connection with {$peer} failed: {$reason}
echo-server-connection-closed = {$peer} is gone after {$messages ->
    [one] {$messages} message
   *[other] {$messages} messages
} ({$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
})
echo-server-explain-pause = waits {$ms} ms before close() so the half-closed connection can be seen (only with --explain)
echo-server-done-tcp = served {$count ->
    [one] {$count} client
   *[other] {$count} clients
}
echo-server-done-udp = answered {$count ->
    [one] {$count} datagram
   *[other] {$count} datagrams
}
echo-client-connected = connected to {$server} from local port {$port} (ephemeral: chosen by the kernel)
echo-client-prompt = type a message and press Enter to send it; Ctrl-D ends

echo-demo-intro = A {$proto} echo server on {$addr} and {$clients ->
    [one] {$clients} client
   *[other] {$clients} clients
}, in one process, on the real kernel. Each message is shown as bits before it is sent and after it arrives.
echo-demo-message = Hello from client {$n}
echo-demo-summary-tcp = {$clients ->
    [one] 1 client connected to server port {$port} from ephemeral port {$ports}, which its kernel picked. The four numbers (two addresses, two ports) are what tell a connection apart: with --clients 3, three clients share the server's port, each from a port of its own.
   *[other] {$clients} clients connected to the same server port {$port}, and the kernel gave each its own ephemeral port: {$ports}. The four numbers (two addresses, two ports) are what tell the connections apart.
}
echo-demo-summary-udp = {$clients ->
    [one] No connection: one server socket on port {$port} answered 1 client, knowing it only by the address and port its datagram came from: {$ports}.
   *[other] No connections: one server socket on port {$port} answered {$clients} clients, told apart only by the address and port each datagram came from: {$ports}.
}
echo-demo-next-tcp = Try it in two terminals: `synack echo server`, then `synack echo client Hello`. Add --explain to see every socket call and the kernel's own TCP state.
echo-demo-next-udp = Try it in two terminals: `synack echo server --proto udp`, then `synack echo client --proto udp hello`. Add --explain to see every socket call: no connect(), no accept(), no FIN, one sendto() and one recvfrom() per message.

## --explain: each socket call as it happens.

# A call's line: a byte count said in words, so `send(2)` is not read as the manual's section 2.
echo-signature-send = send() of {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
}
echo-signature-sendto = sendto() of {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} to {$peer}
echo-call-socket = asks the kernel for a new {$proto} socket: a file descriptor with no address yet.
echo-call-bind = gives the socket its local address and port {$port}, where the other side will find it.
echo-call-listen = makes it a listening socket: from now on the kernel answers SYNs by itself and queues finished handshakes for accept().
echo-call-accept = takes a finished three-way handshake from the queue: a new socket for {$peer}, port {$port}. The listening socket stays, for the next client.
echo-call-connect = the kernel picked an ephemeral local port and did the three-way handshake with {$addr} (SYN, SYN-ACK, ACK); connect() returned when it was done.
echo-call-send = copied {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} into the kernel's send buffer; TCP sends them in segments and retransmits them if needed. send() does not wait for the other side.
echo-call-recv = took {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} from the kernel's receive buffer (TCP is a stream of bytes: one recv() may hold part of a message, or several).
echo-call-recv-eof = returned 0 bytes: the other side sent FIN, it will send nothing more (end of file).
echo-call-shutdown = sends FIN: "I will send nothing more", while still reading what the other side sends.
echo-call-close-udp = gives the socket back to the kernel. Nothing goes on the wire: UDP has no connection to close.
echo-call-close = gives the socket back to the kernel. The connection may live on in the kernel for a while (TIME-WAIT, or LAST-ACK until our FIN is acknowledged).
echo-call-sendto = sent one datagram of {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} to {$peer}: no handshake, no acknowledgement, no retransmission.
echo-call-autobind = The kernel bound the socket to ephemeral port {$port} on this first sendto(): a UDP client needs no bind().
echo-call-recvfrom = received one whole datagram of {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} from {$peer}: UDP keeps message boundaries.

echo-kernel-state = kernel: {$state} — {$note}
echo-kernel-later = kernel, {$ms} ms later: {$state} — {$note}
echo-kernel-code = kernel: state code {$code}
echo-kernel-not-yet = kernel: not in its table of connections yet (CLOSED: bound, but neither listening nor connected)
echo-kernel-gone = kernel: the connection is no longer listed (CLOSED)
echo-kernel-unsupported = The kernel's TCP states are read from /proc/net/tcp, which only Linux has; here, run `netstat -an` in another window to see them.
echo-state-note = {$state ->
    [LISTEN] waiting for connection requests
    [SYN-SENT] our SYN is out, waiting for SYN-ACK
    [SYN-RECEIVED] SYN received and answered, waiting for the last ACK
    [ESTABLISHED] the connection is open both ways
    [FIN-WAIT-1] our FIN is out, not yet acknowledged
    [FIN-WAIT-2] our FIN was acknowledged; waiting for the other side's FIN
    [CLOSE-WAIT] the other side closed; we may still send, until we close too
    [CLOSING] both sides sent FIN at once; waiting for the ACK of ours
    [LAST-ACK] we closed after the other side; waiting for the ACK of our FIN
    [TIME-WAIT] closed first, so the kernel keeps the connection for 2×MSL (60 s on Linux), so that late segments die out; SO_REUSEADDR lets a server restart meanwhile
    [CLOSED] bound, but not connected nor listening
   *[other] {$state}
}

## Errors.

echo-error-port-in-use = port {$port} is in use ({$addr}): pass --bind with another port, or stop the program that holds it
echo-error-addr-not-available = cannot bind {$addr}: that address is not on this machine (try 127.0.0.1 or 0.0.0.0)
echo-error-bind-permission = binding {$addr} needs privileges (ports below 1024 are reserved): choose a port above 1023
echo-error-bind = cannot bind {$addr}: {$reason}
echo-error-refused = connection to {$addr} refused: nothing listens there. Start `synack echo server` first, or check --connect and --proto
echo-error-unreachable = {$addr} cannot be reached from here (no route to that host or network): is the address right, and is this machine on the same network?
echo-error-connect-timeout = no answer to the handshake from {$addr} within {$secs} s: is the address right, and is a firewall in the way?
echo-error-connect = cannot connect to {$addr}: {$reason}
echo-error-peer-closed = {$peer} closed the connection before answering: the server stopped or dropped this client
echo-error-thread-panicked = an internal error stopped one of synack's threads (it panicked): this is a bug, please report it with the command you ran
echo-error-empty-message = the message is empty: there is nothing to send (give some text, or none at all to type lines)
echo-error-no-reply-tcp = no answer from {$peer} within {$secs} s
echo-error-no-reply-udp = no answer from {$peer} within {$secs} s: UDP does not retransmit, so a lost datagram or a server that is not running look the same. Is `synack echo server --proto udp` running?
echo-error-no-port = `{$text}` has no port: use HOST:PORT, for example 127.0.0.1:65432
echo-error-no-address = `{$text}` resolves to no address: check the name, or give an address such as 127.0.0.1:65432
echo-error-resolve = cannot resolve `{$text}` ({$reason}): use HOST:PORT, for example 127.0.0.1:65432
echo-error-too-long = a message of {$len} bytes is too long: at most {$max} bytes
echo-error-io = {$call}() failed: {$reason}
echo-error-input = cannot read the messages: {$reason}

## Live capture.

echo-capture-error-permission = capturing on {$iface} needs permission: run as root (sudo), or allow it once with `sudo setcap cap_net_raw+ep $(which synack)`
echo-capture-error-unsupported = live capture is not available on this system: capture with Wireshark, save the file, then run `synack explain FILE`
echo-capture-error-no-interface = there is no interface named {$name} (this machine has: {$available})
echo-capture-error-need-interface = cannot tell which interface carries {$addr}: pass --iface (one of: {$available})
echo-capture-error-extension = {$path}: a capture file must end in .pcap or .pcapng
echo-capture-error-file = cannot write {$path}: {$reason}
echo-capture-error-not-ethernet = {$iface} does not deliver Ethernet frames, so synack cannot capture on it: pass --iface with another interface (lo, eth0…)
echo-capture-error-open = cannot capture on {$iface}: {$reason}
echo-capture-error-read = capture failed: {$reason}
echo-capture-session-started = capturing port {$port} on {$iface} into {$path}
echo-capture-session-skipped = no capture: {$reason}. The session runs without it.
echo-capture-started = capturing on {$iface} ({$filter}) into {$path}, {$until}
echo-capture-filter-all = every frame
echo-capture-filter-ports = TCP and UDP port {$ports}
echo-capture-until-interrupted = until Ctrl-C
echo-capture-until-count = until {$count ->
    [one] {$count} frame
   *[other] {$count} frames
}
echo-capture-until-seconds = for {$seconds} s
echo-capture-until-either = until {$count ->
    [one] {$count} frame
   *[other] {$count} frames
} or {$seconds} s
echo-capture-report = {$frames ->
    [one] {$frames} frame
   *[other] {$frames} frames
} written to {$path}: open it in Wireshark or run `synack explain {$path}`
