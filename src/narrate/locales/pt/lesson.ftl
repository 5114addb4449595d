## Arquivos de lição: carregar, conferir, erros.

lesson-error-at = {$file}:{$line}:{$column}: {$message}
lesson-error = {$file}: {$message}
lesson-kind-text = um texto entre aspas
lesson-kind-whole-number = um número inteiro (ou uma expressão entre aspas, como "segments * mss")
lesson-kind-boolean = true ou false
lesson-kind-duration = uma duração como "10ms", "1.5s" ou "2min"
lesson-kind-table = uma tabela
lesson-kind-list = uma lista entre colchetes
lesson-kind-number = um número
lesson-expr-unknown-param = espera-se um número ou uma expressão com os [params] da lição (como 100 ou "segments * mss"), e `{$name}` não é número nem parâmetro em [params]
lesson-expr-syntax = não é uma expressão que eu consiga ler (perto de `{$near}`)
lesson-expr-unexpected-end = termina cedo demais: falta um número ou o nome de um parâmetro no fim
lesson-expr-unclosed = um `(` nunca é fechado com `)`
lesson-expr-overflow = o resultado não cabe (é negativo ou grande demais)
lesson-expr-division-by-zero = há uma divisão por zero
lesson-syntax = isto não é TOML válido: {$message}
lesson-unknown-key-suggest = chave desconhecida `{$key}` em {$section}; você quis dizer `{$suggestion}`?
lesson-unknown-key = chave desconhecida `{$key}` em {$section}
lesson-missing-key = {$section} precisa de `{$key}`
lesson-missing-table-lesson = o arquivo não tem a tabela `[lesson]`, com que toda lição começa; a menor possível é
    {"["}lesson]
    title.pt = "Minha lição"
lesson-missing-table-host = o arquivo não tem a tabela `[{$table}]`; a menor possível é
    {"["}{$table}]
    addr = "{$example}"
lesson-looks-like-capture = isto é uma captura {$format}, não uma lição (uma lição é um arquivo de texto TOML): para narrar uma captura, rode `synack explain {$file}`
lesson-not-text = isto não é um arquivo de texto (o byte {$offset} não é UTF-8): uma lição é um arquivo de texto TOML (veja lessons/README.md)
lesson-wrong-type = `{$key}` deve ser {$expected}
lesson-bad-address = `{$value}` não é um endereço com porta, como "192.168.0.10:49152" ou "[2001:db8::1]:80"
lesson-mixed-families = cliente e servidor devem usar ambos IPv4 ou ambos IPv6
lesson-same-address = cliente e servidor não podem ter o mesmo endereço e porta
lesson-bad-duration = `{$key}` = "{$value}" não é uma duração; escreva como "10ms", "1.5s", "250us" ou "2min"
lesson-bad-expression = `{$key}` = "{$value}": {$problem}
lesson-out-of-range = `{$key}` = {$value} está fora do intervalo: deve ficar entre {$min} e {$max}
lesson-unknown-host = `{$value}` não é um host: use "client" ou "server"
lesson-unknown-call-suggest = `{$value}` não é uma chamada; você quis dizer `{$suggestion}`? (chamadas: listen, connect, send, close, abort, pause-reading, resume-reading)
lesson-unknown-call = `{$value}` não é uma chamada (chamadas: listen, connect, send, close, abort, pause-reading, resume-reading)
lesson-unknown-state = `{$value}` não é um estado do TCP (estados: CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT)
lesson-bad-condition = `when = "{$value}"` não é uma condição; escreva um estado ("ESTABLISHED"), um host e um estado ("server CLOSE-WAIT") ou "data"
lesson-bad-flags = `{$value}` não é um conjunto de flags TCP, como "SYN" ou "SYN,ACK"
lesson-unknown-fault = `{$value}` não é uma falha; use "drop", "duplicate", "delay" ou "reorder"
lesson-unknown-error = `{$value}` não é um erro de conexão; use "refused", "reset" ou "timed-out"
lesson-unknown-congestion-cause = `{$value}` não é um passo do controle de congestionamento; use "initial", "slow-start", "congestion-avoidance", "fast-retransmit", "fast-recovery", "recovery-end" ou "timeout"
lesson-call-needs-one-host = um [[call]] indica exatamente um host: `client = "…"` ou `server = "…"`
lesson-conflicting-triggers = um [[call]] só pode ter um entre `at`, `after` e `when`
lesson-delay-needs-when = `delay` só acompanha `when` (use `after` para esperar depois da chamada anterior)
lesson-send-needs-data = um send precisa de exatamente um entre `text = "…"`, `bytes = N` ou `echo = true`
lesson-data-only-for-send = `text`, `bytes` e `echo` pertencem a um "send", não a "{$call}"
lesson-fault-needs-target = um [[fault]] precisa de exatamente um entre `nth = N`, `flags = "…"`, `data = true` ou `any = true`
lesson-fault-delay = `delay` é exigido por, e só por, `action = "delay"`
lesson-unknown-param-none = esta lição não tem o parâmetro `{$name}`: ela não recebe parâmetros
lesson-unknown-param = esta lição não tem o parâmetro `{$name}` (parâmetros dela: {$known})
lesson-bad-param-name = `{$name}` não pode ser nome de parâmetro: use letras, dígitos e _ (um - seria lido como sinal de menos)
lesson-bad-param-value = `--param {$text}`: o valor deve ser um número inteiro
lesson-negative-param = `--param {$text}`: um parâmetro conta alguma coisa, então não pode ser negativo; dê um número inteiro, 0 ou mais
lesson-param-too-large = `--param {$text}` é grande demais: este parâmetro vai no máximo até {$max}
lesson-call-failed = o {$host} não pode chamar {$call}() em {$state}: {$reason}
lesson-expect-failed = esperava {$what} = {$expected}, mas a execução deu {$actual}
lesson-not-found-suggest = não há lição nem arquivo chamado `{$name}`; você quis dizer `{$suggestion}`? (`synack lesson list` mostra todas)
lesson-not-found = não há lição nem arquivo chamado `{$name}` (`synack lesson list` mostra todas)
lesson-unreadable = não consigo ler o arquivo da lição: {$reason}
lesson-too-big = o arquivo tem mais de {$limit} bytes; uma lição é um arquivo de texto curto
call-error-not-connected = a conexão não existe
call-error-already-open = a conexão já existe
call-error-closing = a conexão está sendo encerrada
