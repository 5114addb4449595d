## Sockets reais: o servidor, o cliente e a demonstração de eco, as chamadas de socket explicadas, a captura ao vivo.

echo-who-server = servidor
echo-who-client = cliente
echo-who-client-n = cliente {$n}

echo-message-sending = envia {$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
} para {$peer}: {$text}
echo-message-received = recebeu {$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
} de {$peer}: {$text}
echo-message-more-bytes = … e mais {$more ->
    [0] {$more} bytes
    [one] {$more} byte
   *[other] {$more} bytes
}

echo-server-listening = servidor de eco {$proto} em {$addr}
echo-server-accept-failed = accept() falhou ({$reason}); seguindo com o próximo cliente
echo-server-connection = nova conexão de {$peer}, porta {$port}: uma porta efêmera que o kernel do cliente escolheu, por isso cada conexão é um par diferente de portas
echo-server-connection-error = a conexão com {$peer} falhou: {$reason}
echo-server-connection-closed = {$peer} saiu depois de {$messages ->
    [0] {$messages} mensagens
    [one] {$messages} mensagem
   *[other] {$messages} mensagens
} ({$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
})
echo-server-explain-pause = espera {$ms} ms antes do close() para que a conexão meio fechada possa ser vista (só com --explain)
echo-server-done-tcp = {$count ->
    [0] nenhum cliente atendido
    [one] {$count} cliente atendido
   *[other] {$count} clientes atendidos
}
echo-server-done-udp = {$count ->
    [0] nenhum datagrama respondido
    [one] {$count} datagrama respondido
   *[other] {$count} datagramas respondidos
}
echo-client-connected = conectado a {$server} pela porta local {$port} (efêmera: escolhida pelo kernel)
echo-client-prompt = digite uma mensagem e tecle Enter para enviá-la; Ctrl-D termina

echo-demo-intro = Um servidor de eco {$proto} em {$addr} e {$clients ->
    [0] nenhum cliente
    [one] {$clients} cliente
   *[other] {$clients} clientes
}, num só processo, sobre o kernel de verdade. Cada mensagem aparece em bits antes de ser enviada e depois de chegar.
echo-demo-message = Olá do cliente {$n}
echo-demo-summary-tcp = {$clients ->
    [0] Nenhum cliente se conectou à porta {$port} do servidor.
    [one] 1 cliente se conectou à porta {$port} do servidor a partir da porta efêmera {$ports}, escolhida pelo kernel dele. São os quatro números (dois endereços, duas portas) que distinguem uma conexão: com --clients 3, três clientes dividem a porta do servidor, cada um a partir de uma porta sua.
   *[other] {$clients} clientes se conectaram à mesma porta do servidor, {$port}, e o kernel deu a cada um a sua porta efêmera: {$ports}. São os quatro números (dois endereços, duas portas) que distinguem as conexões.
}
echo-demo-summary-udp = {$clients ->
    [0] Sem conexões: um só socket do servidor, na porta {$port}, não respondeu a nenhum cliente.
    [one] Sem conexão: um só socket do servidor, na porta {$port}, respondeu a 1 cliente, que ele conhece só pelo endereço e pela porta de onde veio o datagrama: {$ports}.
   *[other] Sem conexões: um só socket do servidor, na porta {$port}, respondeu a {$clients} clientes, distinguidos só pelo endereço e pela porta de onde veio cada datagrama: {$ports}.
}
echo-demo-next-tcp = Experimente em dois terminais: `synack echo server`, depois `synack echo client Olá`. Acrescente --explain para ver cada chamada de socket e o estado TCP do próprio kernel.
echo-demo-next-udp = Experimente em dois terminais: `synack echo server --proto udp`, depois `synack echo client --proto udp olá`. Acrescente --explain para ver cada chamada de socket: sem connect(), sem accept(), sem FIN, um sendto() e um recvfrom() por mensagem.

## --explain: cada chamada de socket quando acontece.

# A linha de uma chamada: o número de bytes dito em palavras, para que `send(2)` não pareça a seção 2 do manual.
echo-signature-send = send() de {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
}
echo-signature-sendto = sendto() de {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} para {$peer}
echo-call-socket = pede ao kernel um socket {$proto} novo: um descritor de arquivo ainda sem endereço.
echo-call-bind = dá ao socket seu endereço local e a porta {$port}, onde o outro lado vai encontrá-lo.
echo-call-listen = torna-o um socket de escuta: daqui em diante o kernel responde aos SYNs sozinho e enfileira os handshakes prontos para o accept().
echo-call-accept = tira da fila um handshake de três vias já concluído: um socket novo para {$peer}, porta {$port}. O socket de escuta continua, para o próximo cliente.
echo-call-connect = o kernel escolheu uma porta local efêmera e fez o handshake de três vias com {$addr} (SYN, SYN-ACK, ACK); o connect() voltou quando terminou.
echo-call-send = copiou {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} para o buffer de envio do kernel; o TCP os envia em segmentos e os retransmite se preciso. O send() não espera o outro lado.
echo-call-recv = tirou {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} do buffer de recepção do kernel (o TCP é um fluxo de bytes: um recv() pode trazer parte de uma mensagem, ou várias).
echo-call-recv-eof = devolveu 0 bytes: o outro lado enviou FIN, não vai enviar mais nada (fim de arquivo).
echo-call-shutdown = envia FIN: "não vou enviar mais nada", e continua lendo o que o outro lado envia.
echo-call-close-udp = devolve o socket ao kernel. Nada vai para a rede: o UDP não tem conexão para fechar.
echo-call-close = devolve o socket ao kernel. A conexão pode continuar no kernel por um tempo (TIME-WAIT, ou LAST-ACK até nosso FIN ser confirmado).
echo-call-sendto = enviou um datagrama de {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} para {$peer}: sem handshake, sem confirmação, sem retransmissão.
echo-call-autobind = O kernel deu ao socket a porta efêmera {$port} neste primeiro sendto(): um cliente UDP não precisa de bind().
echo-call-recvfrom = recebeu um datagrama inteiro de {$bytes ->
    [0] {$bytes} bytes
    [one] {$bytes} byte
   *[other] {$bytes} bytes
} de {$peer}: o UDP preserva os limites das mensagens.

echo-kernel-state = kernel: {$state} — {$note}
echo-kernel-later = kernel, {$ms} ms depois: {$state} — {$note}
echo-kernel-code = kernel: código de estado {$code}
echo-kernel-not-yet = kernel: ainda não está na tabela de conexões (CLOSED: tem endereço, mas não escuta nem está conectado)
echo-kernel-gone = kernel: a conexão não aparece mais (CLOSED)
echo-kernel-unsupported = Os estados TCP do kernel vêm de /proc/net/tcp, que só o Linux tem; aqui, rode `netstat -an` em outra janela para vê-los.
echo-state-note = {$state ->
    [LISTEN] esperando pedidos de conexão
    [SYN-SENT] nosso SYN saiu, esperando o SYN-ACK
    [SYN-RECEIVED] SYN recebido e respondido, esperando o último ACK
    [ESTABLISHED] a conexão está aberta nos dois sentidos
    [FIN-WAIT-1] nosso FIN saiu, ainda sem confirmação
    [FIN-WAIT-2] nosso FIN foi confirmado; esperando o FIN do outro lado
    [CLOSE-WAIT] o outro lado fechou; ainda podemos enviar, até fecharmos também
    [CLOSING] os dois lados enviaram FIN ao mesmo tempo; esperando o ACK do nosso
    [LAST-ACK] fechamos depois do outro lado; esperando o ACK do nosso FIN
    [TIME-WAIT] fechou primeiro, então o kernel guarda a conexão por 2×MSL (60 s no Linux), para que segmentos atrasados morram; o SO_REUSEADDR deixa um servidor reiniciar enquanto isso
    [CLOSED] com endereço, mas nem conectado nem escutando
   *[other] {$state}
}

## Erros.

echo-error-port-in-use = a porta {$port} está em uso ({$addr}): passe --bind com outra porta, ou pare o programa que a ocupa
echo-error-addr-not-available = não consigo fazer bind em {$addr}: esse endereço não é desta máquina (tente 127.0.0.1 ou 0.0.0.0)
echo-error-bind-permission = fazer bind em {$addr} exige privilégios (portas abaixo de 1024 são reservadas): escolha uma porta acima de 1023
echo-error-bind = não consigo fazer bind em {$addr}: {$reason}
echo-error-refused = conexão com {$addr} recusada: ninguém escuta ali. Inicie `synack echo server` antes, ou confira --connect e --proto
echo-error-unreachable = {$addr} não pode ser alcançado daqui (não há rota para esse host ou rede): o endereço está certo? Esta máquina está na mesma rede?
echo-error-connect-timeout = nenhuma resposta ao handshake de {$addr} em {$secs} s: o endereço está certo? Há um firewall no caminho?
echo-error-connect = não consigo conectar a {$addr}: {$reason}
echo-error-peer-closed = {$peer} fechou a conexão antes de responder: o servidor parou ou descartou este cliente
echo-error-thread-panicked = um erro interno parou uma das threads do synack (ela entrou em pânico): isto é um bug, por favor relate-o com o comando que você rodou
echo-error-empty-message = a mensagem está vazia: não há nada para enviar (dê algum texto, ou nenhum para digitar linhas)
echo-error-no-reply-tcp = nenhuma resposta de {$peer} em {$secs} s
echo-error-no-reply-udp = nenhuma resposta de {$peer} em {$secs} s: o UDP não retransmite, então um datagrama perdido e um servidor parado parecem iguais. O `synack echo server --proto udp` está rodando?
echo-error-no-port = `{$text}` não tem porta: use HOST:PORTA, por exemplo 127.0.0.1:65432
echo-error-no-address = `{$text}` não corresponde a nenhum endereço: confira o nome, ou dê um endereço como 127.0.0.1:65432
echo-error-resolve = não consigo resolver `{$text}` ({$reason}): use HOST:PORTA, por exemplo 127.0.0.1:65432
echo-error-too-long = uma mensagem de {$len} bytes é longa demais: no máximo {$max} bytes
echo-error-io = {$call}() falhou: {$reason}
echo-error-input = não consigo ler as mensagens: {$reason}

## Captura ao vivo.

echo-capture-error-permission = capturar em {$iface} exige permissão: rode como root (sudo), ou autorize uma vez com `sudo setcap cap_net_raw+ep $(which synack)`
echo-capture-error-unsupported = a captura ao vivo não está disponível neste sistema: capture com o Wireshark, salve o arquivo e rode `synack explain ARQUIVO`
echo-capture-error-no-interface = não há interface chamada {$name} (esta máquina tem: {$available})
echo-capture-error-need-interface = não sei qual interface leva {$addr}: passe --iface (uma de: {$available})
echo-capture-error-extension = {$path}: um arquivo de captura deve terminar em .pcap ou .pcapng
echo-capture-error-file = não consigo escrever {$path}: {$reason}
echo-capture-error-not-ethernet = {$iface} não entrega quadros Ethernet, então o synack não consegue capturar nela: passe --iface com outra interface (lo, eth0…)
echo-capture-error-open = não consigo capturar em {$iface}: {$reason}
echo-capture-error-read = a captura falhou: {$reason}
echo-capture-session-started = capturando a porta {$port} em {$iface} para {$path}
echo-capture-session-skipped = sem captura: {$reason}. A sessão roda sem ela.
echo-capture-started = capturando em {$iface} ({$filter}) para {$path}, {$until}
echo-capture-filter-all = todos os quadros
echo-capture-filter-ports = porta TCP e UDP {$ports}
echo-capture-until-interrupted = até Ctrl-C
echo-capture-until-count = até {$count ->
    [0] {$count} quadros
    [one] {$count} quadro
   *[other] {$count} quadros
}
echo-capture-until-seconds = por {$seconds} s
echo-capture-until-either = até {$count ->
    [0] {$count} quadros
    [one] {$count} quadro
   *[other] {$count} quadros
} ou {$seconds} s
echo-capture-report = {$frames ->
    [0] nenhum quadro escrito
    [one] {$frames} quadro escrito
   *[other] {$frames} quadros escritos
} em {$path}: abra-o no Wireshark ou rode `synack explain {$path}`
