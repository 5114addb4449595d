## --bits: cabeçalhos e dados como os bits no fio.

bits-cannot-encode = (não consigo mostrar os bits: {$reason})
bits-header-title = Cabeçalho TCP, {$len} bytes (RFC 9293 §3.1, Figura 1)
bits-field-src-port = Porta de origem
bits-field-dst-port = Porta de destino
bits-field-seq = Número de sequência
bits-field-ack = Número de confirmação
bits-field-offset = DOff
bits-field-reserved = Rsvd
bits-field-window = Janela
bits-field-checksum = Checksum
bits-field-urgent = Ponteiro urgente
bits-ack-unused = {$value} (bit ACK desligado: ignorado)
bits-offset-note = DOff = {$words}: o cabeçalho tem {$words} × 4 = {$bytes} bytes · bits de controle: {$flags}
bits-options-title = Opções, {$len} bytes:
bits-opt-eol = fim das opções
bits-opt-nop = NOP (preenchimento até 32 bits)
bits-opt-mss = MSS = {$value}: o maior segmento que este lado aceita
bits-opt-wscale = escala de janela {$shift}: as janelas são multiplicadas por {$factor}
bits-opt-sack-permitted = SACK permitido: confirmações seletivas são bem-vindas
bits-opt-timestamps = timestamps TSval = {$value}, TSecr = {$echo}
bits-opt-sack = SACK, {$blocks} blocos
bits-opt-unknown = opção do tipo {$kind}
bits-no-data = Dados: nenhum.
bits-data-title = Dados, {$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
}:
bits-checksum-title = Checksum, calculado à mão (soma em complemento de um, RFC 9293 §3.1):
bits-pseudo-v4 = pseudocabeçalho: origem {$src}, destino {$dst}, zero, protocolo 6, comprimento TCP {$len}
bits-pseudo-v6 = pseudocabeçalho (IPv6): origem {$src}, destino {$dst}, comprimento TCP {$len}, zeros, próximo cabeçalho 6
bits-sum-is = soma, com os "vai-um" dobrados de volta: {$sum}
bits-header-words = cabeçalho TCP em palavras de 16 bits (campo checksum como 0000):
bits-data-words-none = dados: nenhum, soma 0x0000
bits-data-words = dados: {$words} palavras (um último byte ímpar é completado com 00), soma {$sum}
bits-total = {$a} + {$b} + {$c} = {$total}, sem vai-um para dobrar:
bits-total-carry = {$a} + {$b} + {$c} = {$total}: mais de 16 bits, então o vai-um é somado de volta, {$low} + {$carry} = {$folded}:
bits-checksum-differs = O campo de checksum da captura contém {$found}, e não o {$computed} calculado acima: a placa de rede do host que enviou preenche o checksum depois do ponto de captura (checksum offload), ou a captura guardou só parte dos dados.
bits-complement = o complemento de um (inverter cada bit) dá o checksum:
bits-summary = {$text} tem {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} em UTF-8 ({$chars ->
    [0] {$chars} caracteres
    [one] {$chars} caractere
   *[other] {$chars} caracteres
}), cada um mostrado como 8 bits com o caractere embaixo:
bits-multibyte = {$char} é {$code}: {$len} bytes em UTF-8, {$bits}
bits-continuation-note = ┘ marca um byte que continua o caractere anterior.
bits-decoded = {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
}, {$chars ->
    [0] {$chars} caracteres
    [one] {$chars} caractere
   *[other] {$chars} caracteres
}:
bits-error-not-a-bit = o caractere {$position} é `{$found}`, não um bit: escreva só 0 e 1 (espaços entre os bytes podem)
bits-error-not-whole-bytes = {$count} bits não formam bytes inteiros ({$bytes} bytes e sobram {$extra} bits): um byte tem 8 bits
bits-error-bad-group = o grupo {$index} tem {$len} bits, mas todo byte tem 8
bits-error-empty-text = o texto está vazio: não há bits para mostrar (experimente `synack bits Oi`)
bits-error-empty = não há bits para decodificar; escreva-os como '01001000 01101001'
bits-error-not-utf8 = o byte {$offset} ({$bits}) não começa um caractere UTF-8 válido, então estes bytes não são texto
bits-error-utf8-cut-short = o byte {$offset} ({$bits}) começa um caractere de {$len} bytes, mas os bits terminam antes {$missing ->
    [one] do byte de continuação
   *[other] dos {$missing} bytes de continuação
}: o caractere ficou cortado (um byte de continuação tem a forma 10xxxxxx)
bits-error-utf8-not-continued = o byte {$offset} ({$bits}) começa um caractere de {$len} bytes, mas o byte {$next} ({$next_bits}) não o continua (um byte de continuação tem a forma 10xxxxxx), então estes bytes não são texto
bits-error-utf8-stray-continuation = o byte {$offset} ({$bits}) continua um caractere (10xxxxxx), mas nenhum caractere começa antes dele, então estes bytes não são texto
bits-data-more = … e mais {$more} bytes (o --bits no terminal mostra todos)
