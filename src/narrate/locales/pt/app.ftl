## Saída de comandos e erros que não são de uma área só.

error-prefix = erro
warning = aviso: {$message}
error-stdin-too-large = a entrada padrão tem mais de {$limit} bytes; passe um texto mais curto
error-stdin-not-utf8 = a entrada padrão não é texto UTF-8 (deixa de ser válida no byte {$offset}); o `synack bits` mostra texto
error-stdin-read = não consigo ler a entrada padrão: {$reason}
error-output = não consigo escrever a saída: {$reason}
error-checks-failed = {$failed} de {$total} lições falharam nas verificações
error-bad-param = `--param {$text}` deve ter a forma NOME=VALOR, por exemplo `--param segments=1000`
error-create-file = não consigo criar {$path}: {$reason}
lesson-list-heading = Lições
lesson-list-footer = Rode uma com `synack lesson run NOME` (acrescente --explain para ouvir a narração); escreva a sua: veja lessons/README.md.
step-prompt = ⏎ próximo passo · q e ⏎ para sair
step-stopped = parou no passo {$step} de {$total}
step-stopped-at = parou no passo {$step}
progress-bytes = {$done} de {$total} bytes entregues · {$secs} s
progress-steps = {$steps} passos · {$secs} s
error-captures-stale = {$count ->
    [0] {$count} arquivos de captura faltam ou estão desatualizados
    [one] {$count} arquivo de captura falta ou está desatualizado
   *[other] {$count} arquivos de captura faltam ou estão desatualizados
}: rode `synack captures` e faça commit do resultado
captures-same = {$file} está atualizado
captures-missing = {$file} não existe
captures-differs = {$file} difere do que esta versão escreve
captures-wrote = escrevi {$file} ({$bytes} bytes)
error-pcap-needs-pcapng = explain reescreve a captura com a narração como comentários, o que só o pcapng comporta: use --pcapng ARQUIVO
explain-error-open = não consigo abrir {$file}: {$reason}
explain-error-not-found = não existe o arquivo {$file}: confira o nome e a pasta (uma captura é feita com o Wireshark, ou com `sudo tcpdump -i lo -w captura.pcap`)
explain-error-permission = não consigo ler {$file}: permissão negada (uma captura feita com sudo pertence ao root: `sudo chown $USER {$file}`)
explain-error-folder = {$file} é uma pasta, não um arquivo de captura: dê o caminho de um arquivo .pcap ou .pcapng
explain-error-empty = o arquivo está vazio: uma captura que não viu nada, ou que ainda está sendo gravada
explain-error-not-capture = isto não é um arquivo pcap nem pcapng (começa com {$start}); salve as capturas do Wireshark como pcap ou pcapng, ou use tcpdump -w
explain-error-corrupt = o arquivo está corrompido no byte {$offset}: {$reason}
explain-corrupt-ends = o arquivo termina no meio de um registro
explain-corrupt-fraction = a fração de segundo de um horário ({$fraction}) vale um segundo ou mais
explain-corrupt-interface = um pacote cita a interface {$interface}, que o arquivo nunca descreve
explain-corrupt-outside = os dados de um pacote ficam fora do seu bloco
explain-corrupt-format = os blocos não seguem o formato pcap/pcapng (o leitor diz: {$detail})
explain-error-too-large = o registro no byte {$offset} diz ter {$len} bytes, mais que qualquer pacote real: o arquivo está corrompido a partir dali
explain-error-link-type = {$file}: o tipo de enlace {$linktype} não é suportado (o synack lê capturas Ethernet, Linux cooked SLL e SLL2, IP puro e loopback BSD)
explain-error-no-conversation = {$file}: não existe a conversa {$wanted} (a captura tem {$count}; `synack explain {$file} --summary` lista todas)
explain-warn-truncated = {$file} termina no meio de um pacote no byte {$offset}: explicado até ali
explain-warn-bad-frames = {$count ->
    [0] {$count} quadros não são IP válido e foram pulados
    [one] {$count} quadro não é IP válido e foi pulado
   *[other] {$count} quadros não são IP válido e foram pulados
} (o primeiro no byte {$offset}: {$reason})
explain-too-many = {$count} conversas: demais para desenhar. Escolha uma com --conversation N (ou --between A:P B:Q), ou peça --json.
explain-no-conversations = Nenhuma conversa TCP ou UDP nesta captura.
explain-conversation-title = Conversa nº {$index} em {$file}
explain-opened-handshake = aberta com handshake
explain-opened-simultaneous = aberta simultaneamente
explain-opened-refused = recusada (RST)
explain-opened-unanswered = SYN nunca respondido
explain-opened-mid-stream = já aberta quando a captura começou
explain-opened-datagrams = datagramas
explain-ended-fin = fechada com FIN
explain-ended-half-closed = meio-fechada
explain-ended-rst = reiniciada (RST)
explain-ended-open = ainda aberta
explain-summary-numbers = {$packets ->
    [0] {$packets} pacotes
    [one] {$packets} pacote
   *[other] {$packets} pacotes
}, bytes {$sent} → / ← {$received}
explain-summary-states = cliente {$client}, servidor {$server}
cli-unknown-argument = `{$arg}` não é uma opção aqui
cli-unknown-argument-suggest = `{$arg}` não é uma opção aqui; você quis dizer `{$suggestion}`?
cli-unknown-command = `{$command}` não é um comando
cli-unknown-command-suggest = `{$command}` não é um comando; você quis dizer `{$suggestion}`?
cli-invalid-utf8 = um argumento não é texto UTF-8 válido; confira a codificação do terminal
cli-invalid-value = `{$value}` não é um valor válido para {$arg}
cli-invalid-value-choices = `{$value}` não é um valor válido para {$arg} (valores possíveis: {$valid})
cli-missing-argument = {$arg} é obrigatório
cli-conflict = {$arg} não pode ser usado com {$other}
cli-wrong-number = {$arg} tem o número errado de valores
cli-see-help = Rode com --help para ver o que o comando aceita.
cli-missing-value = {$arg} precisa de um valor
cli-invalid-value-reason = {$arg}: {$reason}
cli-not-whole-number = `{$text}` não é um número inteiro
cli-not-whole-number-between = `{$text}` não é um número inteiro de {$min} a {$max}
cli-not-whole-number-from = `{$text}` não é um número inteiro maior ou igual a {$min}
cli-not-seconds = `{$text}` não é um número de segundos entre 0 e 86400 (por exemplo 10 ou 0.5)
cli-not-language = `{$text}` não é um idioma que o synack fala: use en ou pt (uma etiqueta como pt-BR, pt_BR ou en-US também serve)
cli-rdt-not-probability = `{$text}` não é uma probabilidade entre 0 e 1
cli-rdt-not-mode = `{$text}` não é um modo (Stop-and-Wait/saw, Go-Back-N/gbn, Selective-Repeat/sr)
explain-error-no-frames = {$file}: nenhuma conversa TCP ou UDP tem um quadro em {$from}–{$to} (o último quadro assim é o {$last}; os quadros contam a partir de 1, como no Wireshark)
cli-bad-frame-range = `{$text}` não é um quadro nem um intervalo de quadros: escreva N, N-M ou N- (os quadros contam a partir de 1, como na coluna No. do Wireshark)
cli-bad-theme-env = SYNACK_THEME vale `{$value}`, que não é um tema: defina-a como auto, dark, light ou mono, ou remova-a (--theme tem precedência sobre ela)
