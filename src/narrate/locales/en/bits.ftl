## --bits: headers and data as the bits on the wire.

bits-cannot-encode = (cannot show the bits: {$reason})
bits-header-title = TCP header, {$len} bytes (RFC 9293 §3.1, Figure 1)
bits-field-src-port = Source Port
bits-field-dst-port = Destination Port
bits-field-seq = Sequence Number
bits-field-ack = Acknowledgment Number
bits-field-offset = DOff
bits-field-reserved = Rsvd
bits-field-window = Window
bits-field-checksum = Checksum
bits-field-urgent = Urgent Pointer
bits-ack-unused = {$value} (ACK bit off: ignored)
bits-offset-note = DOff = {$words}: the header is {$words} × 4 = {$bytes} bytes · control bits: {$flags}
bits-options-title = Options, {$len} bytes:
bits-opt-eol = end of options
bits-opt-nop = NOP (padding to a 32-bit boundary)
bits-opt-mss = MSS = {$value}: the largest segment this side accepts
bits-opt-wscale = window scale {$shift}: windows are multiplied by {$factor}
bits-opt-sack-permitted = SACK permitted: selective acknowledgments welcome
bits-opt-timestamps = timestamps TSval = {$value}, TSecr = {$echo}
bits-opt-sack = SACK, {$blocks} blocks
bits-opt-unknown = option of kind {$kind}
bits-no-data = Data: none.
bits-data-title = Data, {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}:
bits-checksum-title = Checksum, worked by hand (one's complement sum, RFC 9293 §3.1):
bits-pseudo-v4 = pseudo-header: source {$src}, destination {$dst}, zero, protocol 6, TCP length {$len}
bits-pseudo-v6 = pseudo-header (IPv6): source {$src}, destination {$dst}, TCP length {$len}, zeros, next header 6
bits-sum-is = sum, carries folded back in: {$sum}
bits-header-words = TCP header as 16-bit words (checksum field as 0000):
bits-data-words-none = data: none, sum 0x0000
bits-data-words = data: {$words} words (an odd last byte is padded with 00), sum {$sum}
bits-total = {$a} + {$b} + {$c} = {$total}, with no carry to fold:
bits-total-carry = {$a} + {$b} + {$c} = {$total}: more than 16 bits, so the carry is added back, {$low} + {$carry} = {$folded}:
bits-checksum-differs = The capture's checksum field holds {$found}, not the {$computed} worked out above: the sending host's network card fills the checksum in after the capture point (checksum offload), or the capture kept only part of the data.
bits-complement = one's complement (flip every bit) gives the checksum:
bits-summary = {$text} is {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} of UTF-8 ({$chars ->
    [one] {$chars} character
   *[other] {$chars} characters
}), each shown as 8 bits with its character underneath:
bits-multibyte = {$char} is {$code}: {$len} bytes in UTF-8, {$bits}
bits-continuation-note = ┘ marks a byte that continues the character before it.
bits-decoded = {$bytes ->
    [one] {$bytes} byte
   *[other] {$bytes} bytes
}, {$chars ->
    [one] {$chars} character
   *[other] {$chars} characters
}:
bits-error-not-a-bit = character {$position} is `{$found}`, not a bit: write only 0 and 1 (spaces between bytes are fine)
bits-error-not-whole-bytes = {$count} bits do not make whole bytes ({$bytes} bytes and {$extra} bits left over): a byte is 8 bits
bits-error-bad-group = group {$index} has {$len} bits, but every byte has 8
bits-error-empty-text = the text is empty: there are no bits to show (try `synack bits Hi`)
bits-error-empty = there are no bits to decode; give them like '01001000 01101001'
bits-error-not-utf8 = byte {$offset} ({$bits}) does not begin a valid UTF-8 character, so these bytes are not text
bits-error-utf8-cut-short = byte {$offset} ({$bits}) begins a {$len}-byte character, but the bits end before its {$missing ->
    [one] continuation byte
   *[other] {$missing} continuation bytes
}: the character is cut short (a continuation byte looks like 10xxxxxx)
bits-error-utf8-not-continued = byte {$offset} ({$bits}) begins a {$len}-byte character, but byte {$next} ({$next_bits}) does not continue it (a continuation byte looks like 10xxxxxx), so these bytes are not text
bits-error-utf8-stray-continuation = byte {$offset} ({$bits}) continues a character (10xxxxxx), but no character begins before it, so these bytes are not text
bits-data-more = … and {$more} more bytes (the terminal's --bits shows every one)
