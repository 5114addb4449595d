## synack talk: uma conversa numa conexão TCP, cada linha em bits.

talk-listening = esperando o outro lado em {$addr}: em outro terminal, rode `synack talk connect {$addr}`
talk-listening-any = esperando o outro lado em {$addr} (todos os endereços desta máquina): em outra máquina, rode `synack talk connect ENDEREÇO:{$port}` com o endereço desta máquina
talk-accepted = {$peer} conectou pela porta {$port}, uma porta efêmera que o kernel dele escolheu; agora o socket de escuta fecha: uma conversa é entre dois, então quem mais tentar é recusado
talk-prompt = digite uma linha e tecle Enter para enviá-la; `sair` ou `quit` (ou Ctrl-D) termina a conversa

talk-line = {$peer} diz: {$text}
talk-recv-continued = este recv() termina uma linha começada num recv() anterior
talk-recv-several = este recv() trouxe {$lines} linhas: o TCP é um fluxo de bytes, e um recv() pega o que já chegou, sem saber onde começou ou terminou cada send() do outro lado
talk-recv-partial = este recv() terminou no meio de uma linha: {$bytes ->
    [one] {$bytes} byte espera
   *[other] {$bytes} bytes esperam
} o resto (o TCP é um fluxo de bytes: uma linha pode chegar em pedaços)
talk-line-too-long = nenhum fim de linha em {$max} bytes: mostrada até aqui, e o que vem depois aparece como outra linha
talk-line-quiet = não veio fim de linha, nem mais nada em {$ms} ms: o outro lado envia suas mensagens sem ele (como os programas clássicos de sala de aula), então cada uma aparece quando seus bytes param de chegar
talk-not-utf8 = não é UTF-8 válido a partir do byte {$offset} ({$byte}), então nem tudo é texto: em hexadecimal, {$hex}

talk-you-ended = `{$word}` termina a conversa: foi para o outro lado também (um programa clássico para com ela), e agora o shutdown() envia nosso FIN
talk-input-ended = fim da entrada: o shutdown() envia nosso FIN ("não vou enviar mais nada")
talk-waiting-fin = esperando {$peer} fechar o lado dele também
talk-peer-closed-too = {$peer} fechou o lado dele também (o FIN dele): a conversa terminou
talk-no-fin = {$peer} não fechou o lado dele em {$secs} s: fechando assim mesmo
talk-peer-closed = {$peer} fechou o lado dele (o FIN dele: o recv() devolveu 0), então a conversa terminou: fechamos o nosso também (nosso FIN)
talk-summary = conversa com {$peer} encerrada: {$sent ->
    [0] nenhuma linha enviada
    [one] {$sent} linha enviada
   *[other] {$sent} linhas enviadas
} ({$sent_bytes ->
    [0] {$sent_bytes} bytes
    [one] {$sent_bytes} byte
   *[other] {$sent_bytes} bytes
}), {$received ->
    [0] nenhuma recebida
    [one] {$received} recebida
   *[other] {$received} recebidas
} ({$received_bytes ->
    [0] {$received_bytes} bytes
    [one] {$received_bytes} byte
   *[other] {$received_bytes} bytes
})

## Erros.

talk-error-refused = conexão com {$addr} recusada: ninguém escuta ali. Inicie `synack talk listen` (ou o servidor clássico) no outro lado antes, ou confira o endereço e a porta
talk-error-resolve = não consigo resolver `{$text}` ({$reason}): dê HOST ou HOST:PORTA, por exemplo 192.0.2.10 ou 192.0.2.10:5000
talk-error-no-address = `{$text}` não corresponde a nenhum endereço: confira o nome, ou dê um endereço como 192.0.2.10
talk-error-ended-mid-line = {$peer} fechou a conexão no meio de uma linha: {$bytes ->
    [one] o último {$bytes} byte veio
   *[other] os últimos {$bytes} bytes vieram
} sem fim de linha. O programa dele parou antes de terminar a linha?
talk-error-reset = a conexão com {$peer} foi reiniciada (RST): o outro programa parou sem fechá-la em ordem (travou, ou saiu deixando dados que não tinha lido)
talk-error-reset-lost = {$bytes ->
    [one] {$bytes} byte de uma linha incompleta se perdeu
   *[other] {$bytes} bytes de uma linha incompleta se perderam
} com ela.
talk-error-send-failed = não consigo enviar para {$peer}: a conexão não existe mais (o outro lado a fechou ou reiniciou)
