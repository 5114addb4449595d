quiz-q-state = O {$side} vai mudar de estado. Para qual estado ele vai?
quiz-q-flags = O {$side} envia seu próximo segmento. Quais flags ele leva?
quiz-q-seq = Qual número de sequência (seq) leva o próximo segmento do {$side}?
quiz-q-seq-hint = seq = o seq do segmento anterior do {$side} ({$prev}) + os números de sequência que ele usou: seus bytes de dados, mais um para um SYN ou um FIN.
quiz-q-ack = Qual número de confirmação (ack) leva o próximo segmento do {$side}?
quiz-q-ack-hint = ack = o próximo número de sequência que o {$side} espera: o seq do último segmento que ele recebeu ({$prev}) + os números de sequência que esse segmento usou (bytes de dados, mais um para um SYN ou um FIN).
quiz-q-off-by-one = errou por um: um SYN e um FIN ocupam um número de sequência cada, como um byte de dados (RFC 9293 §3.4).
quiz-q-window = Qual janela o {$side} anuncia no próximo segmento (bytes)?
quiz-q-time-wait-side = Um dos lados vai entrar em TIME-WAIT. Qual, o cliente ou o servidor?
quiz-q-time-wait-length = Quanto tempo o {$side} fica em TIME-WAIT antes de fechar (segundos)?
quiz-q-rto-when = Nenhum ACK chegou. Quanto tempo depois do envio do segmento o temporizador de retransmissão do {$side} dispara (segundos)?
quiz-q-rto-sends = O temporizador de retransmissão do {$side} disparou. Quais flags leva o segmento que ele envia agora?
quiz-q-cwnd = O {$side} acabou de detectar uma perda. Qual é agora sua janela de congestionamento (cwnd), em bytes?
quiz-q-ssthresh = E seu limiar de slow start (ssthresh), em bytes?
quiz-q-checksum = O próximo segmento do {$side} é só um cabeçalho de {$len} bytes. Qual é seu checksum TCP (em hexadecimal)?
quiz-q-checksum-hint = Some o pseudocabeçalho (endereços, protocolo 6, comprimento TCP) e o cabeçalho em palavras de 16 bits, com o campo de checksum zerado, some de volta os "vai-um" e tome o complemento de um (RFC 9293 §3.1). `synack lesson run … --bits` mostra a conta.
quiz-q-bits = O próximo segmento do {$side} leva dados que começam com {$char}. Quais são os oito bits desse primeiro byte?
quiz-q-rdt-seq = Qual número de sequência leva o próximo pacote DATA do {$side}?
quiz-q-rdt-window = Depois deste ACK, quais números de sequência estão na janela do {$side} (a partir da base)?
quiz-q-rdt-resend = O temporizador do {$side} expirou. Quantos pacotes ele envia de novo?
quiz-heading = Quiz: {$title}
quiz-heading-student = Quiz: {$title} · variante de {$student}
quiz-intro = O diagrama para antes de cada um de {$count} momentos para perguntar o que vem a seguir. Digite sua resposta e tecle Enter.
quiz-question = Pergunta {$n} de {$total} · {$kind}
quiz-hint = Dica: {$hint}
quiz-answer-prompt = Sua resposta ({$form}):
quiz-not-an-answer = Isso não responde a esta pergunta: escreva {$form}.
quiz-right = Certo: {$answer}
quiz-partly = Em parte: a resposta é {$answer}; {$why}
quiz-partly-plain = Em parte: a resposta é {$answer}.
quiz-wrong = Errado: a resposta é {$answer}.
quiz-no-answer = Sem resposta: a resposta é {$answer}.
quiz-score = Nota: {$score} de {$max} ({$percent} %)
quiz-saved = Respostas salvas em {$file}
quiz-list-heading = {$count} perguntas em {$lesson}:
quiz-list-line = {$n}. antes do passo {$step}, {$side} · {$kind}: {$prompt}
quiz-error-no-secret = a variante de um aluno vem do segredo do professor: acrescente --secret SEGREDO (ou defina SYNACK_QUIZ_SECRET)
quiz-error-empty-student = --student precisa de uma identificação, como --student alice
quiz-wrote = escrevi {$file}
# sheets, grading, banks
quiz-sheet-title = Tarefa: {$title}
quiz-sheet-student = Estudante: {$student}
quiz-sheet-instructions = O diagrama da execução da lição para antes de cada um de {$count} momentos: descubra o que vem a seguir pelo que ele mostra. Escreva cada resposta no arquivo {$file}, depois do "=" do número da pergunta, na forma pedida, e entregue esse arquivo.
quiz-sheet-form = Responda com {$form}.
quiz-graded = corrigi {$count} {$count ->
        [one] arquivo de respostas
       *[other] arquivos de respostas
    }
quiz-graded-csv = corrigi {$count} {$count ->
        [one] arquivo de respostas
       *[other] arquivos de respostas
    }; as notas estão em {$file}
quiz-graded-feedback = o retorno de cada estudante está em {$dir}
quiz-grade-failed = {$count ->
        [one] um arquivo de respostas não pôde ser corrigido
       *[other] {$count} arquivos de respostas não puderam ser corrigidos
    } (os outros foram):
quiz-grade-bad-file = {$file}: {$why}
quiz-grade-too-big = maior que {$max} bytes, não lido
quiz-grade-duplicate = um segundo arquivo de respostas de {$student} para {$lesson} (o primeiro foi {$first}); não corrigido
quiz-grade-no-files = nenhum arquivo de respostas (*.answers.txt) em {$dir}
quiz-grade-count-differs = o arquivo de {$student} para {$lesson} tem {$count} perguntas, quando a maioria tem {$usual}: é outro quiz, confira
quiz-feedback-heading = Retorno: {$title} · {$student}
quiz-feedback-your-answer = Sua resposta: {$answer}
quiz-feedback-unreadable = (não está na forma pedida: {$form})
quiz-csv-column = {$lesson} (quiz do synack)
# as seções de quiz de uma lição
quiz-spec-toml = não é TOML válido: {$reason}
quiz-spec-not-list = `question` tem que ser uma lista de tabelas: [[question]]
quiz-spec-question = [[question]] {$n}: {$what}
quiz-spec-not-table = tem que ser uma tabela
quiz-spec-unknown-key = chave desconhecida `{$key}` ({$known})
quiz-spec-no-kind = falta kind = "…"
quiz-spec-unknown-kind = tipo desconhecido `{$kind}`; os tipos são {$kinds}
quiz-spec-side = side é "client" ou "server"
quiz-spec-nth = nth é um número inteiro a partir de 1
quiz-spec-text = text é um texto, ou text.en e text.pt
quiz-spec-vary-table = `vary` tem que ser uma tabela: [vary]
quiz-spec-vary-range = [vary] {$key} é [menor, maior], entre {$lo} e {$hi}
quiz-spec-vary-unknown = [vary]: chave desconhecida `{$key}` ({$known})
quiz-spec-vary-text = [vary] text é uma lista de textos, como ["Olá", "Hello"]
quiz-spec-no-moment = {$file}: [[question]] {$n}: a execução não tem o momento {$kind} número {$nth}{$side} para perguntar
# como se escreve cada tipo de resposta
quiz-form-state = o nome de um estado da RFC 9293, como SYN-SENT ou ESTABLISHED
quiz-form-flags = flags separadas por vírgulas, como SYN,ACK; os nomes são SYN ACK FIN RST PSH URG
quiz-form-number = um número inteiro, em algarismos
quiz-form-seconds = um tempo em segundos, como 0,75, ou em ms, como 750 ms
quiz-form-side = cliente ou servidor
quiz-form-hex = quatro dígitos hexadecimais, como 0xbeef
quiz-form-bits = oito bits, como 10100101
quiz-form-list = números de sequência separados por espaços, a partir da base da janela
# lendo arquivos de respostas
quiz-answers-not-a-line = linha {$n}: esperava `N = resposta`, encontrei `{$line}`
quiz-answers-questions = linha {$n}: `questions` é um número inteiro
quiz-answers-unknown-key = linha {$n}: chave desconhecida `{$key}`
quiz-answers-no-lesson = falta a linha `lesson = …`: a que quiz este arquivo responde?
quiz-grade-no-lesson = não há lição chamada `{$name}`
quiz-grade-no-lesson-file = não há lição chamada `{$name}` (nem um arquivo {$name}.toml junto das respostas)
quiz-grade-no-questions = o quiz de {$lesson} não tem perguntas
quiz-grade-gone = o arquivo não está lá (movido ou apagado durante a correção)
quiz-grade-permission = sem permissão para lê-lo
