## O laboratório de transferência confiável (synack rdt): handshake, protocolos, falhas, modo seguro.

## As recusas do handshake de texto (enviadas na rede no idioma do servidor).

rdt-hs-no-mode = falta o campo MODO: envie MODO:<modo>;TAMANHO:<tamanho>
rdt-hs-no-size = falta o campo TAMANHO: envie MODO:<modo>;TAMANHO:<tamanho>
rdt-hs-garbled = `{$text}` não é CHAVE:VALOR (envie MODO:<modo>;TAMANHO:<tamanho>)
rdt-hs-unknown-mode = modo desconhecido `{$mode}`: use Stop-and-Wait, Go-Back-N ou Selective-Repeat (ou saw, gbn, sr, Repetição Seletiva), ou a troca de texto clássica, Canal sem erros ou Canal com erros
rdt-hs-bad-number = {$field} deve ser um número inteiro, não `{$value}`
rdt-hs-size-range = o tamanho {$size} está fora do intervalo: de {$min} a {$max} bytes por pacote
rdt-hs-window-range = a janela {$window} está fora do intervalo: de 1 a {$max} pacotes
rdt-hs-bits-range = {$bits} bits de número de sequência está fora do intervalo: de 1 a 16
rdt-hs-window-too-large = {$mode} com números de sequência de {$bits} bits permite uma janela de no máximo {$max}, não {$window}: peça mais bits (SEQ, --seq-bits) ou uma janela menor
rdt-hs-secure-required = este servidor está em modo seguro: conecte com --secure e a chave dele
rdt-hs-secure-unavailable = este servidor não tem chave para o modo seguro: conecte sem --secure
rdt-hs-too-long = a linha do handshake passa de {$max} bytes

## Erros.

rdt-error-bad-key = uma chave pré-compartilhada tem 32 bytes, ou 64 dígitos hexadecimais; esta tem {$found}
rdt-key-found-bytes = {$count} bytes binários
rdt-key-found-chars = {$count} caracteres
rdt-key-found-not-hex = 64 caracteres que não são todos hexadecimais
rdt-error-key-unreadable = não consigo ler o arquivo de chave {$path}: {$reason}
rdt-error-no-key = o modo seguro precisa de uma chave pré-compartilhada: passe --psk-file ARQUIVO ou defina SYNACK_PSK com 64 dígitos hexadecimais
rdt-error-wrong-key = o handshake seguro falhou: os dois lados não têm a mesma chave pré-compartilhada (PSK errada?)
rdt-error-secure-handshake-too-long = o handshake seguro falhou: o outro lado mandou uma mensagem de {$len} bytes, maior que qualquer mensagem de handshake
rdt-error-secure-handshake = o handshake seguro falhou: {$reason}
rdt-error-refused = o servidor recusou o handshake: {$reason}
rdt-error-unexpected-reply = a resposta do servidor não é de handshake: {$line} (é um servidor synack rdt?)
rdt-error-lesson-not-found-suggest = não há lição rdt nem arquivo chamado `{$name}`; você quis dizer `{$suggestion}`? (`synack rdt lesson list` mostra todas)
rdt-error-lesson-not-found = não há lição rdt nem arquivo chamado `{$name}` (`synack rdt lesson list` mostra todas)
rdt-error-lesson-mode = {$file}:{$line}: `{$value}` não é um modo: use "Stop-and-Wait", "Go-Back-N" ou "Selective-Repeat"
rdt-error-lesson-handshake = {$file}: {$reason}
rdt-error-message-too-long = uma mensagem de {$len} bytes é longa demais: no máximo {$max}
rdt-error-gave-up = um pacote ficou sem confirmação {$attempts} vezes e o cliente desistiu: o servidor ainda está lá?
rdt-error-no-server = conexão com {$addr} recusada: nada escuta ali. Inicie `synack rdt server` antes, ou confira --connect
rdt-error-closed = o outro lado fechou a conexão antes do fim da sessão
rdt-error-framing = o outro lado quebrou o enquadramento: um quadro de {$len} bytes (no máximo {$max})
rdt-error-silent = nenhuma palavra do outro lado em {$secs} s
rdt-error-captures-stale = {$count ->
    [0] nenhum arquivo de captura rdt está
    [one] {$count} arquivo de captura rdt está
   *[other] {$count} arquivos de captura rdt estão
} desatualizado(s): rode `synack rdt captures` e faça commit do resultado
rdt-error-bad-option = `{$value}` não serve para --{$option} aqui: num socket real cada lado aplica falhas só aos pacotes que envia, então dê N, nth:N ou os pacotes deste lado pelo número (data:N no cliente, ack:N ou nak:N no servidor)
rdt-error-never-hits = `{$value}` não serve para --{$option} no {$side}: ele nunca envia pacotes {$kind}, então a falha nunca aconteceria. Dê a opção ao outro lado.
rdt-target-unknown = `{$kind}` não é algo que uma falha possa nomear: escreva data:N ou ack:N (o pacote com número de sequência N, a partir de 0; nak:N também), nth:N (o N-ésimo pacote no enlace, a partir de 1) ou client:N / server:N (o N-ésimo pacote desse lado)
rdt-target-not-seq = `{$number}` não é um número de sequência: {$kind}:N aceita um número inteiro de 0 a 65535, como em {$kind}:1
rdt-target-not-count = `{$number}` não é uma contagem: {$kind}:N conta pacotes a partir de 1, como em {$kind}:2
rdt-target-not-bare = `{$number}` não é um alvo de falha: escreva data:N, ack:N ou nak:N (pelo número de sequência, a partir de 0), nth:N (o N-ésimo pacote no enlace, a partir de 1) ou client:N / server:N
rdt-warn-rule-missed = {$rule} não atingiu nenhum pacote: esta execução nunca enviou o pacote que ele nomeia
rdt-warn-reorder-bits = com reordenação, {$bits} bits de número de sequência são poucos para ser seguro: um pacote ou ACK atrasado da rodada anterior pode passar por novo (use {$safe} ou mais)

## A escada e o log.

rdt-ladder-timeout-is = timeout {$after}
rdt-ladder-corrupted = bit {$bit} trocado
rdt-ladder-secure = ✓ seguro
rdt-ladder-wrong-key = ✗ chave errada
rdt-ladder-done = ✓ tudo confirmado
rdt-ladder-timeout = ⏱ timeout, {$seq} de novo
rdt-ladder-buffered = guarda {$seq} {$window}
rdt-ladder-receive-window = janela {$window}
rdt-ladder-deliver = ✓ entrega {$text}
rdt-ladder-nak = NAK {$seq}: reenvia
rdt-ladder-gave-up = ✗ desiste de {$seq}
rdt-ladder-footer = {$delivered} de {$submitted ->
    [0] {$submitted} mensagens entregues
    [one] {$submitted} mensagem entregue
   *[other] {$submitted} mensagens entregues
} · {$packets ->
    [0] {$packets} pacotes
    [one] {$packets} pacote
   *[other] {$packets} pacotes
} · {$retransmissions ->
    [0] {$retransmissions} retransmissões
    [one] {$retransmissions} retransmissão
   *[other] {$retransmissions} retransmissões
} · {$lost} perdidos · {$corrupted} corrompidos
rdt-ladder-footer-done = tudo confirmado em {$t} s
rdt-ladder-footer-refused = o handshake foi recusado
rdt-ladder-footer-wrong-key = o handshake seguro falhou
rdt-ladder-footer-unfinished = não terminou
rdt-discard-corrupt = ✗ checksum errado
rdt-discard-malformed = ✗ malformado
rdt-discard-tampered = ✗ adulterado: rejeitado
rdt-discard-duplicate = duplicado {$seq}: descartado
rdt-discard-out-of-order = {$seq} fora de ordem: descartado
rdt-discard-outside-window = {$seq} fora da janela
rdt-discard-duplicate-ack = ACK {$seq}: nada novo
rdt-discard-stale-nak = NAK {$seq}: velho
rdt-discard-unexpected = pacote inesperado
rdt-log-noise = mensagem Noise {$message}, {$len} bytes
rdt-log-deliver = ✓ mensagem {$index} entregue ({$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
}): {$text}
rdt-log-timeout = ⏱ timeout: o pacote {$seq} vai de novo

## --bits

rdt-bits-line = A linha do handshake como vai na rede: {$len} bytes de texto, o último uma quebra de linha:
rdt-bits-noise = A mensagem Noise, {$len} bytes (uma chave pública efêmera e uma tag):
rdt-bits-title = cabeçalho rdt, {$len} bytes (o formato de pacote do synack)
rdt-bits-type = Tipo
rdt-bits-flags = Flags
rdt-bits-length = Comprimento
rdt-bits-checksum-title = Checksum, calculado à mão (RFC 1071: o complemento de um da soma em complemento de um das palavras de 16 bits):
rdt-bits-header-words = cabeçalho em palavras de 16 bits (campo de checksum como 0000):
rdt-bits-total = {$a} + {$b} = {$total}, sem vai-um para somar de volta:
rdt-bits-total-carry = {$a} + {$b} = {$total}: mais de 16 bits, então o vai-um volta para a soma, {$low} + 1 = {$folded}:
rdt-bits-sealed = Selado para a rede ({$len} bytes): nonce {$nonce} em 8 bytes, depois o pacote cifrado com ChaCha20 byte a byte, depois uma tag Poly1305 de 16 bytes
rdt-bits-plaintext = texto claro
rdt-bits-ciphertext = texto cifrado
rdt-bits-tag = tag: {$tag} (qualquer bit trocado a faz falhar)

## Comentários pcapng.

rdt-capture-comment = [{$who}] {$text}
rdt-capture-lost = PERDIDO: esta captura foi feita no emissor; o canal descartou este pacote e o receptor nunca o viu.
rdt-capture-corrupted = CORROMPIDO: o canal trocou o bit {$bit} deste pacote a caminho do receptor.
rdt-capture-duplicated = DUPLICADO: o canal entregou este pacote duas vezes.
rdt-capture-reordered = REORDENADO: o canal segurou este pacote; o seguinte o ultrapassou.

## Sessões reais.

rdt-server-listening = servidor rdt escutando em {$addr} ({$secure}); esperando MODO:<modo>;TAMANHO:<tamanho>
rdt-server-secure = modo seguro: Noise NNpsk0 com chave pré-compartilhada
rdt-server-plain = sem criptografia
rdt-server-accept-failed = accept() falhou: {$reason}
rdt-server-done = {$count ->
    [0] nenhuma sessão atendida
    [one] {$count} sessão atendida
   *[other] {$count} sessões atendidas
}; o servidor para.
rdt-server-session-over = sessão com {$peer} encerrada: {$delivered ->
    [0] nenhuma mensagem entregue
    [one] {$delivered} mensagem entregue
   *[other] {$delivered} mensagens entregues
}, {$duplicates} duplicados descartados, {$corrupt} corrompidos, {$tampered} adulterados
rdt-server-session-failed = a sessão com {$peer} falhou: {$reason}
rdt-client-prompt = Digite uma mensagem por linha; `sair` ou `quit` (ou Ctrl-D) encerra.
rdt-client-summary = {$delivered ->
    [0] nenhuma mensagem confirmada
    [one] {$delivered} mensagem confirmada
   *[other] {$delivered} mensagens confirmadas
} · {$packets ->
    [0] nenhum pacote enviado
    [one] {$packets} pacote enviado
   *[other] {$packets} pacotes enviados
}, {$retransmissions} de novo · {$lost} perdidos e {$corrupted} corrompidos pela camada de falhas deste lado · {$time} s

## synack rdt sim, lesson, compare

rdt-sim-title = Transferência confiável: {$mode}
rdt-sim-clean = Um canal limpo: nada se perde, corrompe, duplica ou reordena.
rdt-sim-faults = Um canal ruim: {$faults}.
rdt-sim-loss = {$pct} % dos pacotes perdidos
rdt-sim-corrupt = {$pct} % corrompidos
rdt-sim-dup = {$pct} % duplicados
rdt-sim-reorder = {$pct} % reordenados
rdt-sim-scripted = falhas programadas por {$rules}
rdt-sim-bare = {$option} {$n} conta os pacotes no enlace, nos dois sentidos, a partir de 1: quer dizer {$option} nth:{$n}. Para atingir o pacote DATA de número {$n}, escreva {$option} data:{$n}.
rdt-sim-seed = semente {$seed}
rdt-lesson-list-heading = Lições de transferência confiável
rdt-lesson-list-footer = Rode uma com `synack rdt lesson run NOME` (acrescente --explain, --bits, --json, --step), ou escreva a sua: veja lessons/RDT.md.
rdt-compare-title = Stop-and-Wait, Go-Back-N e Repetição Seletiva sobre o mesmo canal
rdt-compare-setup = {$messages} mensagens de {$len} bytes, no máximo {$size} bytes por pacote, janela {$window}, enlace de {$latency} em cada sentido, timeout {$timeout}.
rdt-compare-protocol = protocolo
rdt-compare-packets = pacotes
rdt-compare-retransmissions = reenviados
rdt-compare-duplicates = duplicados
rdt-compare-goodput = vazão útil
rdt-compare-time = tempo
rdt-compare-gave-up = desistiu
rdt-compare-unfinished = não terminou em 24 h
rdt-compare-legend = pacotes: enviados pelos dois lados, ACKs e NAKs incluídos · reenviados: pacotes de dados enviados de novo · duplicados: pacotes de dados que o receptor já tinha e descartou · vazão útil: bytes de mensagem entregues por segundo até o último ACK · tempo: quando a última mensagem foi confirmada.
rdt-compare-runs = {$runs} execuções por protocolo, com as sementes {$first} a {$last} (as mesmas para os três); --runs 1 --seed S repete sozinha a execução da semente S.
rdt-compare-range = mín–máx
rdt-compare-legend-runs = Cada número é a média das execuções; a linha de baixo dá o menor e o maior valor. Vazão útil e tempo contam só as execuções que terminaram.
rdt-compare-ranking = Tempo médio para entregar todas as mensagens, em {$runs} execuções: {$order}.
rdt-compare-ranking-one = Tempo para entregar todas as mensagens: {$order}.
rdt-compare-one-run = Uma execução é um sorteio da sorte do canal: outra semente pode mudar esta classificação. Rode com --runs {$runs} ou mais para ver se ela se mantém.
rdt-compare-no-luck = O canal não tem falhas aleatórias, então todas as execuções são iguais: mais execuções não mudam nada.
rdt-compare-clear = {$fast} foi mais rápido que {$slow} em {$wins} de {$runs} execuções, por {$gap} em média (intervalo de 95 % de {$low} a {$high}): a diferença é maior que a variação entre as execuções, não sorte da semente.
rdt-compare-close = {$fast} e {$slow} estão próximos demais para classificar: {$fast} foi mais rápido em {$wins} de {$runs} execuções e {$slow} em {$losses}, e o intervalo de 95 % da diferença média ({$gap}) vai de {$low} a {$high}, o que inclui zero. Mais --runs os separariam, se algo os separa.
rdt-compare-same = {$fast} e {$slow} levaram exatamente o mesmo tempo em todas as execuções.
rdt-compare-why-gbn = Isso pode acontecer: os ACKs do Go-Back-N são cumulativos, então quando um ACK se perde o seguinte confirma tudo o que veio antes, enquanto a Repetição Seletiva confirma cada pacote sozinho e espera um timeout inteiro para reenviar um pacote cujo ACK se perdeu. Este canal perde ACKs tanto quanto dados.
rdt-compare-why-gbn-more = O Go-Back-N reenviou mais ({$gbn} pacotes em média contra {$sr}), mas esperou menos.
rdt-compare-why-sr = A Repetição Seletiva reenvia só os pacotes perdidos ({$sr} em média), enquanto o Go-Back-N reenvia a janela inteira depois de um timeout ({$gbn}): esses pacotes a mais lhe custam tempo.
rdt-compare-why-saw = O Stop-and-Wait tem um pacote em trânsito por vez, então cada pacote custa pelo menos uma ida e volta; os outros mantêm até {$window} em trânsito.
rdt-compare-none-finished = {$mode} não terminou nenhuma execução.
rdt-compare-some-unfinished = {$mode} não terminou {$count} de {$runs} execuções; sua vazão útil e seu tempo contam só as que terminaram.

## --explain

rdt-x-request = O cliente abre a sessão com uma linha de texto: pede {$mode}, com no máximo {$size} bytes de dados em cada pacote. Nenhum dado se move até o servidor concordar.
rdt-x-request-garbled = O cliente abre a sessão com uma linha de texto, mas ela não é um pedido válido.
rdt-x-reply = O servidor concorda e repete o que foi combinado: {$mode}, no máximo {$size} bytes por pacote, uma janela de {$window ->
    [0] {$window} pacotes
    [one] {$window} pacote
   *[other] {$window} pacotes
}, números de sequência de 0 a {$max} (contam módulo {$space}).
rdt-x-mode-saw = Pare e espere: um pacote por vez; o próximo só sai quando o anterior é confirmado.
rdt-x-mode-gbn = Go-Back-N: vários pacotes em trânsito, ACKs cumulativos, um só temporizador para o mais antigo; depois de um timeout, tudo o que não foi confirmado vai de novo.
rdt-x-mode-sr = Repetição Seletiva: vários pacotes em trânsito, um ACK e um temporizador por pacote, e um buffer no receptor para os pacotes que chegam antes da hora.
rdt-x-refused = O servidor recusa: a resposta começa com Handshake ERRO e diz por quê. Nenhum dado vai se mover.
rdt-x-noise-1 = Modo seguro: o cliente começa um handshake Noise NNpsk0. Seus {$len} bytes são uma chave pública efêmera nova (32 bytes) e uma tag de 16 bytes feita com a chave pré-compartilhada: só um servidor com a mesma chave consegue conferi-la.
rdt-x-noise-2 = O servidor responde com sua própria chave efêmera. Os dois lados agora misturam as duas chaves e a chave pré-compartilhada em duas chaves de sessão, uma para cada sentido.
rdt-x-secure = O canal seguro está pronto: daqui em diante cada pacote vai cifrado com ChaCha20-Poly1305 e leva uma tag de 16 bytes, então um bit trocado é pego e o conteúdo fica em segredo.
rdt-x-wrong-key = O servidor não consegue verificar a primeira mensagem do cliente: os dois lados não têm a mesma chave pré-compartilhada. O handshake falha e nenhum dado se move.
rdt-x-submit = A aplicação do cliente entrega a mensagem {$index} ({$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
}). Cabem no máximo {$size} bytes num pacote, então ela viaja em {$packets ->
    [0] {$packets} pacotes
    [one] {$packets} pacote
   *[other] {$packets} pacotes
}.
rdt-x-send-saw = Pare e espere: o pacote {$seq} ({$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
} de dados) sai, e o cliente não envia mais nada até ele ser confirmado.
rdt-x-send-gbn = Go-Back-N: o pacote {$seq} ({$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
}) sai sem esperar; agora {$inflight} dos {$window} pacotes que a janela permite {$inflight ->
    [0] estão
    [one] está
   *[other] estão
} sem confirmação.
rdt-x-send-sr = Repetição Seletiva: o pacote {$seq} ({$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
}) sai com um temporizador só seu; agora {$inflight} dos {$window} pacotes que a janela permite {$inflight ->
    [0] estão
    [one] está
   *[other] estão
} sem confirmação.
rdt-x-send-end = A flag END diz que ele é o último dos {$pieces} pacotes da sua mensagem.
rdt-x-wrap = Os números de sequência dão a volta: depois de {$max} vem 0 de novo, pois contam módulo {$space}.
rdt-x-window-full = A janela está cheia: o próximo pacote tem que esperar um ACK.
rdt-x-resend = O pacote {$seq} de novo: o mesmo número de sequência e os mesmos dados, para o receptor distingui-lo de um pacote novo.
rdt-x-resend-nak = O pacote {$seq} de novo, na hora: o NAK disse que ele chegou danificado. Mesmo número, mesmos dados.
rdt-x-ack-saw = O servidor confirma o pacote {$seq}: ele chegou intacto e era o esperado.
rdt-x-ack-gbn = O ACK {$seq} é cumulativo: todos os pacotes até o {$seq} chegaram, em ordem.
rdt-x-ack-sr = O ACK {$seq} confirma só o pacote {$seq}: a Repetição Seletiva confirma cada pacote individualmente.
rdt-x-ack-again = O servidor confirma o pacote {$seq} de novo: pelo jeito o cliente não ouviu o primeiro ACK.
rdt-x-ack-gbn-repeat = O servidor repete o ACK {$seq} do último pacote que recebeu em ordem: um receptor Go-Back-N não guarda nada que chega fora de ordem.
rdt-x-ack-gbn-none = O ACK {$seq}, o número logo antes de 0, diz que nada chegou em ordem ainda.
rdt-x-nak = O servidor não pode confiar em nada daquele pacote, nem no número; envia um NAK pedindo o pacote {$seq}, o que ele espera.
rdt-x-timeout-saw = Nenhum ACK do pacote {$seq} em {$after}: o cliente o envia de novo.
rdt-x-timeout-gbn = Timeout: ainda nenhum ACK do pacote {$seq}. O Go-Back-N volta e envia de novo todos os pacotes sem confirmação: {$count ->
    [0] {$count} pacotes
    [one] {$count} pacote
   *[other] {$count} pacotes
}.
rdt-x-timeout-sr = O temporizador do pacote {$seq} expira: a Repetição Seletiva envia de novo esse pacote, e só ele.
rdt-x-attempt = Esta é a tentativa {$attempt}.
rdt-x-acked-saw = O ACK {$seq} chega ao cliente: o pacote {$seq} está confirmado, então o próximo pode ir.
rdt-x-acked = O ACK {$seq} chega ao cliente: a janela desliza e passa a começar em {$base}, e {$free ->
    [0] nenhum pacote novo pode
    [one] {$free} pacote novo pode
   *[other] {$free} pacotes novos podem
} sair.
rdt-x-acked-hole = O ACK {$seq} marca o pacote {$seq} como confirmado, mas a janela não pode deslizar: o pacote {$base} ainda espera seu ACK.
rdt-x-nak-received = O NAK {$seq} chega ao cliente: o pacote {$seq} chegou danificado, então vai de novo agora, sem esperar o temporizador.
rdt-x-buffered = O pacote {$seq} chega antes da hora: ainda falta o pacote {$base}. A Repetição Seletiva o guarda no buffer de recepção até a lacuna ser preenchida.
rdt-x-receive-window = A lacuna foi preenchida: os pacotes guardados vão para a aplicação em ordem, e a janela de recepção agora começa em {$base}.
rdt-x-deliver = A mensagem {$index} está completa: o servidor entrega {$text} ({$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
}) à sua aplicação, em ordem e exatamente uma vez.
rdt-x-gave-up = O pacote {$seq} ficou sem confirmação {$attempts} vezes: o cliente desiste.
rdt-x-corrupt = O checksum não confere: o pacote diz {$carried}, mas seus bytes somam {$computed}. Um bit mudou no caminho, então o pacote é descartado.
rdt-x-corrupt-ack = Um ACK ou NAK danificado: diz {$carried}, seus bytes somam {$computed}. O cliente não pode confiar nele, o ignora e deixa o temporizador decidir.
rdt-x-malformed = O checksum confere, mas o cabeçalho não faz sentido: o pacote é descartado.
rdt-x-tampered = A tag de autenticação não confere: o pacote foi alterado no caminho. Ele é rejeitado e contado, nunca entregue; o protocolo se recupera como de uma perda.
rdt-x-duplicate = O pacote {$seq} já tinha sido recebido: uma duplicata, descartada, para nada ser entregue duas vezes.
rdt-x-out-of-order = Chega o pacote {$seq}, mas o servidor espera o {$expected}: o Go-Back-N não tem buffer, então ele é descartado.
rdt-x-outside-window = O pacote {$seq} está fora da janela de recepção: ignorado.
rdt-x-duplicate-ack = O ACK {$seq} não confirma nada novo: o cliente o ignora.
rdt-x-stale-nak = O NAK {$seq} é de um pacote que não está mais pendente: ignorado.
rdt-x-unexpected = Um pacote do tipo errado para este lado: ignorado.
rdt-x-damaged-sr = A Repetição Seletiva não responde nada: o temporizador do pacote danificado o trará de novo.
rdt-x-lost = O canal perde este pacote: ele nunca chega.
rdt-x-corrupted = No caminho, o canal troca o bit {$bit} (no byte {$byte}): o pacote chega, mas não como foi enviado.
rdt-x-duplicated = O canal entrega este pacote duas vezes.
rdt-x-reordered = O canal segura este pacote: o seguinte o ultrapassa.
rdt-x-scripted = (Uma falha programada, {$rule}: acontece em toda execução.)
rdt-x-random = (Uma falha aleatória, tirada da semente: a mesma semente dá as mesmas falhas.)
rdt-x-done = Todas as mensagens foram confirmadas: a transferência termina em {$t} s.

## Os programas clássicos com Fernet (rdt server|client --classic-fernet): a chave primeiro, às claras.
rdt-fernet-listening = servidor Fernet clássico em {$addr}: cada cliente manda a chave primeiro, às claras, depois um token por mensagem (uma lição do que não fazer; --secure é a correção). Ctrl-C o encerra.
rdt-fernet-connected = {$peer} conectou
rdt-fernet-over = sessão com {$peer} encerrada
rdt-fernet-client-connected = conectado a {$addr}
rdt-fernet-client-done = `sair` enviado: a sessão terminou
rdt-fernet-key-sent = → envia a chave Fernet, às claras: {$key}
rdt-fernet-key-received = ← os primeiros 44 bytes são uma chave Fernet, enviada às claras: {$key}
rdt-fernet-key-warning = ⚠ Esta chave acabou de atravessar a rede às claras. Quem capturou esta conexão tem a chave e pode decifrar todas as mensagens da sessão, antes e depois desta (o synack explain faz isso a partir de uma captura). O Fernet não protege nada quando a chave viaja junto com os dados. A correção: synack rdt server --secure e synack rdt client --secure, em que um handshake Noise deriva as chaves dos dois lados, nenhuma chave passa pela rede e uma chave errada faz o handshake falhar.
rdt-fernet-token-received = recebe um token de {$len} bytes; decifrado: "{$text}"
rdt-fernet-token-sent = envia um token de {$len} bytes; cifrado a partir de: "{$text}"
rdt-fernet-token-bad = um token de {$len} bytes que não se decifra com a chave desta sessão
rdt-fernet-token-anatomy = Token Fernet: versão 0x80, feito em {$time} s (tempo Unix), IV {$iv}, {$ciphertext} bytes de texto cifrado AES-128-CBC, um HMAC-SHA256 de 32 bytes. Só o texto cifrado precisa da chave, e a chave passou às claras.
rdt-fernet-token-not-shaped = Estes bytes não têm a forma de um token Fernet (versão 0x80, tempo, IV, blocos AES inteiros, HMAC).
rdt-fernet-quit = o cliente enviou `sair`: a sessão termina
rdt-fernet-left-without-quit = o cliente fechou sem enviar `sair`: a sessão termina
rdt-fernet-error-key-cut = o cliente enviou só {$got} dos {$len} bytes da chave e fechou: um cliente Fernet clássico envia a chave inteira primeiro
rdt-fernet-error-not-a-key = os primeiros {$len} bytes não são uma chave Fernet (44 caracteres base64 URL-safe de 32 bytes): "{$text}". O cliente é um cliente Fernet clássico?
rdt-fernet-error-bad-token = um token de {$len} bytes não se decifra com a chave desta sessão: foi alterado no caminho, ou feito com outra chave
rdt-fernet-error-vanished = o outro lado fechou a conexão antes de responder
