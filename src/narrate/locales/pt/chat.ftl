## O servidor de chat e arquivos e o seu cliente (synack chat).

# --bits: um quadro como cadeias de 8 bits, com o nome de cada campo.
chat-bits-length = tamanho
chat-bits-type = tipo
chat-bits-payload = carga
chat-bits-sent = → enviado {$kind} para {$peer} (cabeçalho de 12 bytes + carga de {$len ->
    [0] 0 bytes
    [one] {$len} byte
   *[other] {$len} bytes
})
chat-bits-received = ← recebido {$kind} de {$peer} (cabeçalho de 12 bytes + carga de {$len ->
    [0] 0 bytes
    [one] {$len} byte
   *[other] {$len} bytes
})
chat-bits-empty = (vazia)
chat-bits-more = … {$count ->
    [0] mais 0 bytes
    [one] mais 1 byte
   *[other] mais {$count} bytes
}

# O cliente.
chat-client-connected = conectado a {$addr}
chat-client-help = comandos: chat <msg> · arquivo <nome> (ou file) · list · sair (ou quit)
chat-client-bad-frame = o servidor mandou um quadro inválido: {$reason}
chat-client-connection-error = conexão perdida: {$reason}
chat-client-server-closed = o servidor fechou a conexão
chat-client-server-error = erro do servidor: {$text}
chat-client-unexpected = quadro {$kind} inesperado, ignorado
chat-client-unknown-command = comando desconhecido `{$text}`: tente chat <msg>, arquivo <nome>, list ou sair

# Downloads.
chat-dl-ok = {$name}: {$size ->
    [0] 0 bytes
    [one] 1 byte
   *[other] {$size} bytes
}, SHA-256 conferido ({$digest}), salvo como {$path}
chat-dl-rate = ({$rate} MiB/s em {$secs} s)
chat-dl-resuming = {$name}: há um download parcial aqui; pedindo para retomar do byte {$offset}
chat-dl-refused = o servidor respondeu: {$reason}
chat-dl-integrity = FALHA DE INTEGRIDADE em {$name}: SHA-256 esperado {$expected}, obtido {$actual}. O arquivo NÃO foi salvo com o seu nome; os bytes recebidos estão em {$part}.
chat-dl-interrupted = {$name}: a conexão terminou depois de {$got} de {$size} bytes; o arquivo parcial é {$part} (peça de novo para retomar)
chat-dl-unsafe-name = o servidor anunciou o nome de arquivo "{$announced}", que foi recusado: {$reason}
chat-dl-protocol = {$name}: o servidor desrespeitou o protocolo: {$what}
chat-dl-bad-offset = retomou no byte {$offset}, que não foi pedido
chat-dl-too-much = mandou {$extra} bytes além do tamanho anunciado
chat-dl-io = {$name}: {$reason}
chat-dl-closed = a conexão está fechada

# Erros que o usuário pode causar.
chat-error-bind = não consigo escutar em {$addr}: {$reason} (dê a --bind um endereço desta máquina com uma porta, como 0.0.0.0:5555)
chat-error-connect = não consigo conectar a {$addr}: {$reason} (o servidor está rodando? confira o host e a porta)
chat-error-folder = não consigo usar a pasta {$path}: {$reason}
chat-error-io = {$reason}
chat-error-line-too-long = uma linha de chat de {$len} bytes é longa demais para ser retransmitida; envie no máximo {$max} bytes
chat-error-no-address = o nome não corresponde a nenhum endereço
chat-error-terminal = o editor de linha falhou: {$reason} (mande os comandos por um pipe)
chat-error-downloads-failed = {$failed} de {$total} downloads falharam

# Textos de FERR que o servidor manda.
chat-ferr-file = não posso enviar {$name}: {$reason}
chat-ferr-too-long = a linha de chat é longa demais para repassar: com o endereço do remetente na frente, ela precisa caber em {$limit} bytes
chat-ferr-io = não consigo ler o arquivo: {$reason}

# Quadros com problema.
chat-frame-too-long = um quadro {$kind} declara {$len} bytes, acima do limite de {$limit}
chat-frame-not-utf8 = a carga do {$kind} não é UTF-8 válido (byte inválido na posição {$at})
chat-frame-malformed = um quadro {$kind} de {$len} bytes está mal formado
chat-frame-truncated = a conexão fechou no meio de um quadro ({$got} de {$want} bytes)

# Respostas ao LIST.
chat-list-heading = {$count ->
    [0] nenhum arquivo no servidor
    [one] 1 arquivo no servidor
   *[other] {$count} arquivos no servidor
}
chat-list-size = {$size ->
    [0] 0 bytes
    [one] 1 byte
   *[other] {$size} bytes
}
chat-list-more = … e mais {$count} (uma listagem é um quadro de no máximo 1 MiB)

# O registro do servidor.
chat-log-listening = servindo {$dir} em {$addr}; digite uma linha para mandá-la a todos os clientes, quit para parar
chat-log-connected = cliente {$addr} conectado
chat-log-disconnected = cliente {$addr} desconectado
chat-log-quit = cliente {$addr} mandou QUIT: conexão fechada
chat-log-bad-frame = cliente {$addr} fechado: {$reason}
chat-log-refused-frame = cliente {$addr}: quadro recusado: {$reason}
chat-log-too-slow = cliente {$addr} desconectado: ficou {$frames} quadros ({$bytes} bytes) para trás
chat-log-file-refused = cliente {$addr} pediu "{$name}": recusado: {$reason}
chat-log-file-sent = cliente {$addr}: {$name} enviado ({$size} bytes)
chat-log-ignored = cliente {$addr}: quadro {$kind} ignorado
chat-log-accept-failed = não consigo aceitar uma conexão: {$reason}
chat-log-stopping = parando: fechando {$count ->
    [0] 0 clientes
    [one] 1 cliente
   *[other] {$count} clientes
}
chat-log-console-too-long = linha do console não enviada: é maior do que um quadro de controle pode ser (1 MiB)
chat-log-stopped = servidor parado

# Por que um nome de arquivo é recusado.
chat-name-empty = o nome está vazio
chat-name-control = o nome contém um NUL ou caractere de controle
chat-name-absolute = caminhos absolutos não são servidos
chat-name-dots = nomes não podem conter `..`, `.`, partes vazias nem barras invertidas
chat-name-not-found = arquivo não encontrado
chat-name-outside = o nome leva para fora da pasta servida
chat-name-not-a-file = não é um arquivo comum
