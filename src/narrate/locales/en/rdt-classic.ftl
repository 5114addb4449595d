# The course project's classic text exchange (rdt server and rdt client --classic).

classic-cli-not-mode = `{$text}` is not a classic mode: use sem-erros or com-erros
classic-cli-not-delay = `{$text}` is not a delay: give milliseconds, MS or MIN-MAX (at most 60000), such as 200-1000
classic-error-unconfirmed = {$count ->
    [one] {$count} message was
   *[other] {$count} messages were
} not confirmed after {$tries} tries each: the server did not answer them, or answered ERRO_CORROMPIDO every time
classic-error-half-handshake-closed = the client sent half a handshake line (`{$text}`) and closed the connection: a handshake is MODO:<mode>;TAMANHO:<size>
classic-error-half-handshake-silent = the client sent half a handshake line (`{$text}`) and then nothing more: a handshake is MODO:<mode>;TAMANHO:<size>
classic-error-capture-port = --capture needs a known port: pass --bind with a port other than 0
classic-answer-too-long = ERRO: a message of {$len} bytes is longer than the {$max} agreed in the handshake (TAMANHO)
classic-server-session-over = classic session with {$peer} over ({$mode}): {$messages ->
    [one] {$messages} message
   *[other] {$messages} messages
}, {$retries ->
    [one] {$retries} retry
   *[other] {$retries} retries
}, {$lost ->
    [one] {$lost} answer withheld
   *[other] {$lost} answers withheld
}, {$corrupted} ERRO_CORROMPIDO, {$delayed} delayed
classic-server-clean-no-faults = (Canal sem erros has no faults: --loss, --corrupt and --delay apply only to Canal com erros.)
classic-client-summary = {$confirmed} of {$messages ->
    [one] {$messages} message
   *[other] {$messages} messages
} confirmed · {$retries ->
    [one] {$retries} retry
   *[other] {$retries} retries
} · {$timeouts} timeouts · {$corrupted} ERRO_CORROMPIDO · {$stale} late answers set aside
classic-bits-line = The line as it goes on the wire: {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} of text, no newline:
classic-log-message = → {$text} (message {$index})
classic-log-retry = ↻ {$text} (message {$index}, try {$attempt})
classic-log-confirmed = ✓ message {$index} confirmed (try {$attempt})
classic-log-gave-up = ✗ message {$index}: no confirmation after {$tries} tries, given up
classic-log-done = ✓ session over
classic-log-lose = no answer this time (simulated loss)
classic-log-corrupt = ERRO_CORROMPIDO instead of the confirmation (simulated corruption)
classic-log-delay = answer held {$ms} ms (simulated delay)
classic-log-too-long = ✗ {$len} bytes, longer than TAMANHO {$max}
classic-log-timeout = ⏱ no answer within {$ms} ms (try {$attempt})
classic-log-stale = ← a late answer, set aside: {$text}
classic-x-request = The client asks for the course project's classic exchange, {$mode}. This is not one of the lab's packet protocols: from here on, plain lines of text go over the TCP connection, with no header, no sequence number and no checksum of their own.
classic-x-reply-clean = The server agrees (messages up to {$size} bytes). Without errors, each line gets one confirmation, and the client writes the next line only after it has read it.
classic-x-reply-lossy = The server agrees (messages up to {$size} bytes). With errors, the server pretends the channel is bad: it may answer ERRO_CORROMPIDO, not answer, or answer late. The client waits {$timeout} s for each answer and sends a line at most {$tries} times.
classic-x-refused = The server refuses the handshake: the answer says why.
classic-x-message-first = The first message: {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} written with one send() and read with one recv(). There is no framing: it works because the client waits for the answer before it writes again, so one read is one message.
classic-x-message = Message {$index}: {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}, one send(), one recv().
classic-x-retry-no-answer = Try {$attempt} of {$tries}: no answer came within {$timeout} s, so the client sends the same line again.
classic-x-retry-corrupted = Try {$attempt} of {$tries}: the answer was ERRO_CORROMPIDO, so the client sends the same line again at once.
classic-x-retry-answered = The same line again (try {$attempt} of {$tries}), although the server answered it: the answer was held longer than the client's {$timeout} s timer, so the client sent the line again before it arrived. It will take that late answer for the answer to this try: plain lines carry no number to tell them apart.
classic-x-retry-seen = The server recognises the retry: the same text as the last message, whose confirmation the client never got. It is the same message, not a new one.
classic-x-gave-up-seen = A new line while the last one was never confirmed: after {$tries} tries the client gave up on it and moved on.
classic-x-lose = No answer this time (simulated loss): the client's {$timeout} s timer will expire and it will send the same line again (try {$next} of {$tries}).
classic-x-lose-last = No answer this time (simulated loss), and it was the client's last try: when its {$timeout} s timer expires, it gives up on this message.
classic-x-corrupt = The server answers ERRO_CORROMPIDO instead of the confirmation (simulated corruption): the client will send the same line again at once (try {$next} of {$tries}).
classic-x-corrupt-last = The server answers ERRO_CORROMPIDO (simulated corruption), and it was the client's last try: it gives up on this message.
classic-x-delay = The answer waits {$delay} s before it goes (simulated delay): shorter than the client's timer, so it still counts.
classic-x-delay-late = The answer waits {$delay} s (simulated delay): longer than the client's {$timeout} s timer. The client will send the line again before this answer arrives.
classic-x-scripted = (A scripted fault: it happens in every run.)
classic-x-random = (A random fault, drawn from the seed: the same seed gives the same faults.)
classic-x-above-tcp = TCP itself lost and damaged nothing: the line arrived whole and TCP acknowledged it. The error is made up by the application, above TCP, and the retry is the whole line again, sent by the application. In the lab's packet protocols (Stop-and-Wait, Go-Back-N, Selective Repeat) the channel under the protocol loses and damages packets, and the protocol numbers each one to recover.
classic-x-answer = One confirmation per message, naming the message, as the classic server sends it.
classic-x-answer-corrupted = ERRO_CORROMPIDO: the server says the line arrived damaged. Over TCP it could not have: TCP's checksum would have caught it and the segment been sent again. The server only pretends, to make the client retry.
classic-x-too-long = A message of {$len} bytes, longer than the {$max} agreed in the handshake: the server answers with an error and does not take it.
classic-x-too-long-client = A message of {$len} bytes, longer than the {$max} agreed in the handshake: the client does not send it.
classic-x-timeout = No answer within {$timeout} s for try {$attempt}: the answer was lost, or is late. The client cannot tell which.
classic-x-stale = A late answer: {$text} is not the confirmation of the line waiting, so the client sets it aside. The classic client cannot tell, and would take it for the answer to the line it just sent.
classic-x-confirmed = Message {$index} is confirmed on try {$attempt}.
classic-x-gave-up = No confirmation after {$tries} tries: the client gives up on message {$index} and moves on. TCP never gives up on data like this while the connection lives: it retransmits segments itself, below the application.
classic-x-quit = sair: the client ends the session. The server does not answer it; both close the connection.
