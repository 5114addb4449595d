## Palavras que as visões escrevem ao lado das setas.

host-client = cliente
host-server = servidor
ladder-frame = Nº
ladder-time = tempo
ladder-hosts = cliente {$client} ⇄ servidor {$server}
ladder-link = enlace de {$latency} em cada sentido
ladder-lost = perdido
ladder-lost-random = perdido (perda aleatória)
ladder-footer = cliente {$client_state} · servidor {$server_state} · {$segments ->
    [0] 0 segmentos
    [one] {$segments} segmento
   *[other] {$segments} segmentos
} · {$lost ->
    [0] 0 perdidos
    [one] {$lost} perdido
   *[other] {$lost} perdidos
} · {$retransmissions ->
    [0] 0 retransmissões
    [one] {$retransmissions} retransmissão
   *[other] {$retransmissions} retransmissões
}
ladder-timer-rto = ⏱ nenhum ACK em {$after} (RTO)
ladder-timer-time-wait = ⏱ 2×MSL = {$after} se passaram
ladder-timer-persist = ⏱ temporizador de persistência: sondar a janela
ladder-data = ▸ app lê {$text} ({$len ->
    [0] 0 bytes
    [one] {$len} byte
   *[other] {$len} bytes
})
ladder-error-refused = ✗ conexão recusada
ladder-error-reset = ✗ conexão reiniciada (reset)
ladder-error-timed-out = ✗ tempo esgotado na conexão
ladder-dupack = ACK duplicado nº {$count}
ladder-out-of-order = fora de ordem: seq={$seq} ({$len} bytes) guardado para depois
ladder-fault-duplicate = o enlace o duplica
ladder-fault-delay = o enlace o atrasa em {$delay}
ladder-fault-reorder = o enlace o retém (reordenação)
ladder-send-bytes = send({$len ->
    [0] 0 bytes
    [one] {$len} byte
   *[other] {$len} bytes
})
ladder-pause-reading = app para de ler
ladder-resume-reading = app volta a ler
discard-reset-ignored = RST ignorado
discard-outside-window = descartado: fora da janela, ACK enviado
discard-reset-not-exact = RST fora de RCV.NXT: ACK de desafio
discard-unexpected-syn = SYN inesperado: ACK de desafio
discard-not-a-connection-request = descartado: não é um SYN
discard-no-ack = descartado: sem o bit ACK
discard-ack-of-unsent-data = descartado: ACK de dados nunca enviados
discard-duplicate = duplicata descartada, ACK enviado
discard-repeated-syn = SYN repetido: o SYN,ACK vai de novo
capture-comment = [{$who}, {$state}] {$text}
capture-comment-lost = PERDIDO: esta captura foi feita no remetente; o enlace descartou este segmento e o destinatário nunca o viu.
ladder-udp = UDP {$src} → {$dst}, {$len} bytes {$text}
note-mid-stream = capturada no meio
note-retransmission = ↻ retransmissão
note-dup-ack = ACK duplicado nº {$count}
note-not-captured = ⚠ {$missing} bytes antes deste não vistos
note-out-of-order = ⇅ fora de ordem: preenche uma lacuna
note-zero-window = ⚠ janela zero
note-window-update = atualização de janela: {$window}
note-truncated = só {$captured} de {$len} bytes capturados
note-relative = ISN {$isn} mostrado como 0

wire-error-too-short = o quadro tem {$len} bytes, curto demais para {$what}
wire-error-ip-version = a versão IP {$version} não é 4 nem 6
wire-error-ip-header-length = o tamanho do cabeçalho IPv4, {$len}, é menor que 20 bytes
wire-error-ip-total-length = o tamanho total IP, {$total}, é menor que o cabeçalho de {$header} bytes
wire-error-data-offset = o data offset TCP, {$len}, é menor que 20 bytes
wire-error-option = a opção TCP do tipo {$kind} está malformada
wire-error-options-too-long = as opções TCP não cabem em 40 bytes
wire-error-too-large = o segmento não cabe em um pacote IP
wire-error-mixed-families = os endereços misturam IPv4 e IPv6
wire-part-ethernet = um cabeçalho Ethernet
wire-part-vlan = uma marca de VLAN
wire-part-loopback = um cabeçalho de loopback
wire-part-linux-cooked = um cabeçalho Linux cooked
wire-part-ip = um cabeçalho IP
wire-part-ipv4 = um cabeçalho IPv4
wire-part-ipv4-options = o cabeçalho IPv4 com suas opções
wire-part-ipv6 = um cabeçalho IPv6
wire-part-ipv6-extension = um cabeçalho de extensão IPv6
wire-part-ipv6-extensions = os cabeçalhos de extensão IPv6
wire-part-tcp = um cabeçalho TCP
wire-part-tcp-options = o cabeçalho TCP com suas opções
wire-part-udp = um cabeçalho UDP
note-fast-retransmission = ↻ retransmissão rápida
note-spurious-retransmission = ↻ retransmissão desnecessária
note-acked-unseen = ⚠ confirma {$unseen} bytes não vistos
note-zero-window-probe = sonda de janela zero nº {$attempt}
note-zero-window-probe-ack = ACK da sonda de janela zero
note-window-full = janela cheia: {$window}
note-keep-alive = keep-alive
note-keep-alive-ack = ACK do keep-alive
note-reused-ports = portas reutilizadas: nova conexão
note-initial-rtt = RTT inicial {$rtt}
note-acks = ACK do quadro {$frame}
note-window-scale = escala de janela ligada
note-window-scale-off = sem escala de janela
note-lost-after-capture = ✗ perdido após a captura
note-control-words = palavras do TCP nos dados

## Os programas clássicos com Fernet numa captura.
note-fernet-key = chave Fernet às claras
note-fernet-token = decifrado: "{$text}"
note-fernet-bad = não se decifra
ladder-congestion = cwnd {$cwnd} · ssthresh {$ssthresh}
ladder-congestion-high = cwnd {$cwnd} · ssthresh ∞
