## The chat and file server and client (synack chat).

# --bits: a frame as 8-bit strings, labelled by field.
chat-bits-length = length
chat-bits-type = type
chat-bits-payload = payload
chat-bits-sent = → sent {$kind} to {$peer} (12-byte header + {$len}-byte payload)
chat-bits-received = ← received {$kind} from {$peer} (12-byte header + {$len}-byte payload)
chat-bits-empty = (empty)
chat-bits-more = … {$count ->
    [one] 1 more byte
   *[other] {$count} more bytes
}

# The client.
chat-client-connected = connected to {$addr}
chat-client-help = commands: chat <msg> · file <name> (or arquivo) · list · quit (or sair)
chat-client-bad-frame = the server sent a bad frame: {$reason}
chat-client-connection-error = connection lost: {$reason}
chat-client-server-closed = the server closed the connection
chat-client-server-error = server error: {$text}
chat-client-unexpected = ignored an unexpected {$kind} frame
chat-client-unknown-command = unknown command `{$text}`: try chat <msg>, file <name>, list or quit

# Downloads.
chat-dl-ok = {$name}: {$size ->
    [one] 1 byte
   *[other] {$size} bytes
}, SHA-256 verified ({$digest}), saved as {$path}
chat-dl-rate = ({$rate} MiB/s in {$secs} s)
chat-dl-resuming = {$name}: a partial download is here; asking to resume from byte {$offset}
chat-dl-refused = the server answered: {$reason}
chat-dl-integrity = INTEGRITY FAILURE for {$name}: expected SHA-256 {$expected}, got {$actual}. It was NOT saved under its name; the bytes received are in {$part}.
chat-dl-interrupted = {$name}: the connection ended after {$got} of {$size} bytes; the partial file is {$part} (ask again to resume)
chat-dl-unsafe-name = the server announced the file name "{$announced}", which is refused: {$reason}
chat-dl-protocol = {$name}: the server broke the protocol: {$what}
chat-dl-bad-offset = it resumed at byte {$offset}, which was not asked for
chat-dl-too-much = it sent {$extra} bytes more than the size it announced
chat-dl-io = {$name}: {$reason}
chat-dl-closed = the connection is closed

# Errors a user can cause.
chat-error-bind = cannot listen on {$addr}: {$reason} (give --bind an address of this machine with a port, such as 0.0.0.0:5555)
chat-error-connect = cannot connect to {$addr}: {$reason} (is the server running? check the host and the port)
chat-error-folder = cannot use the folder {$path}: {$reason}
chat-error-io = {$reason}
chat-error-line-too-long = a chat line of {$len} bytes is too long to relay; send at most {$max} bytes
chat-error-no-address = the name resolves to no address
chat-error-terminal = the line editor failed: {$reason} (pipe the commands in instead)
chat-error-downloads-failed = {$failed} of {$total} downloads failed

# FERR texts the server sends.
chat-ferr-file = cannot send {$name}: {$reason}
chat-ferr-too-long = the chat line is too long to relay: with the sender's address in front it must fit in {$limit} bytes
chat-ferr-io = cannot read the file: {$reason}

# Frames that are not right.
chat-frame-too-long = a {$kind} frame declares {$len} bytes, over the limit of {$limit}
chat-frame-not-utf8 = the {$kind} payload is not valid UTF-8 (bad byte at position {$at})
chat-frame-malformed = a {$kind} frame of {$len} bytes is malformed
chat-frame-truncated = the connection closed in the middle of a frame ({$got} of {$want} bytes)

# LIST answers.
chat-list-heading = {$count ->
    [one] 1 file on the server
   *[other] {$count} files on the server
}
chat-list-size = {$size ->
    [one] 1 byte
   *[other] {$size} bytes
}
chat-list-more = … and {$count} more (a listing is one frame of at most 1 MiB)

# The server's log.
chat-log-listening = serving {$dir} on {$addr}; type a line to send it to every client, quit to stop
chat-log-connected = client {$addr} connected
chat-log-disconnected = client {$addr} disconnected
chat-log-quit = client {$addr} sent QUIT: connection closed
chat-log-bad-frame = client {$addr} closed: {$reason}
chat-log-refused-frame = client {$addr}: refused a frame: {$reason}
chat-log-too-slow = client {$addr} disconnected: it fell {$frames} frames ({$bytes} bytes) behind
chat-log-file-refused = client {$addr} asked for "{$name}": refused: {$reason}
chat-log-file-sent = client {$addr}: sent {$name} ({$size} bytes)
chat-log-ignored = client {$addr}: ignored a {$kind} frame
chat-log-accept-failed = cannot accept a connection: {$reason}
chat-log-stopping = stopping: closing {$count ->
    [one] 1 client
   *[other] {$count} clients
}
chat-log-console-too-long = console line not sent: it is longer than a control frame may be (1 MiB)
chat-log-stopped = server stopped

# Why a file name is refused.
chat-name-empty = the name is empty
chat-name-control = the name contains a NUL or control character
chat-name-absolute = absolute paths are not served
chat-name-dots = names may not contain `..`, `.`, empty parts or backslashes
chat-name-not-found = no such file
chat-name-outside = the name leads outside the served folder
chat-name-not-a-file = not a regular file
