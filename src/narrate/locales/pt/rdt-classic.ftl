# A troca de texto clássica do projeto da disciplina (rdt server e rdt client --classic).

classic-cli-not-mode = `{$text}` não é um modo clássico: use sem-erros ou com-erros
classic-cli-not-delay = `{$text}` não é um atraso: dê milissegundos, MS ou MIN-MAX (no máximo 60000), como 200-1000
classic-error-unconfirmed = {$count ->
    [one] {$count} mensagem ficou
   *[other] {$count} mensagens ficaram
} sem confirmação depois de {$tries} tentativas cada: o servidor não respondeu, ou respondeu ERRO_CORROMPIDO todas as vezes
classic-error-half-handshake-closed = o cliente enviou meia linha de handshake (`{$text}`) e fechou a conexão: um handshake é MODO:<modo>;TAMANHO:<tamanho>
classic-error-half-handshake-silent = o cliente enviou meia linha de handshake (`{$text}`) e depois mais nada: um handshake é MODO:<modo>;TAMANHO:<tamanho>
classic-error-capture-port = --capture precisa de uma porta conhecida: passe --bind com uma porta diferente de 0
classic-answer-too-long = ERRO: uma mensagem de {$len} bytes é maior que os {$max} combinados no handshake (TAMANHO)
classic-server-session-over = sessão clássica com {$peer} encerrada ({$mode}): {$messages ->
    [one] {$messages} mensagem
   *[other] {$messages} mensagens
}, {$retries ->
    [one] {$retries} retransmissão
   *[other] {$retries} retransmissões
}, {$lost ->
    [one] {$lost} resposta retida
   *[other] {$lost} respostas retidas
}, {$corrupted} ERRO_CORROMPIDO, {$delayed} atrasadas
classic-server-clean-no-faults = (O Canal sem erros não tem falhas: --loss, --corrupt e --delay valem só para o Canal com erros.)
classic-client-summary = {$confirmed} de {$messages ->
    [one] {$messages} mensagem confirmadas
   *[other] {$messages} mensagens confirmadas
} · {$retries ->
    [one] {$retries} retransmissão
   *[other] {$retries} retransmissões
} · {$timeouts} timeouts · {$corrupted} ERRO_CORROMPIDO · {$stale} respostas atrasadas deixadas de lado
classic-bits-line = A linha como vai no fio: {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} de texto, sem quebra de linha:
classic-log-message = → {$text} (mensagem {$index})
classic-log-retry = ↻ {$text} (mensagem {$index}, tentativa {$attempt})
classic-log-confirmed = ✓ mensagem {$index} confirmada (tentativa {$attempt})
classic-log-gave-up = ✗ mensagem {$index}: sem confirmação depois de {$tries} tentativas, desistiu
classic-log-done = ✓ sessão encerrada
classic-log-lose = desta vez sem resposta (perda simulada)
classic-log-corrupt = ERRO_CORROMPIDO no lugar da confirmação (corrupção simulada)
classic-log-delay = resposta retida por {$ms} ms (atraso simulado)
classic-log-too-long = ✗ {$len} bytes, maior que o TAMANHO {$max}
classic-log-timeout = ⏱ sem resposta em {$ms} ms (tentativa {$attempt})
classic-log-stale = ← uma resposta atrasada, deixada de lado: {$text}
classic-x-request = O cliente pede a troca clássica do projeto da disciplina, {$mode}. Não é um dos protocolos de pacotes do laboratório: daqui em diante, linhas de texto simples passam pela conexão TCP, sem cabeçalho, sem número de sequência e sem checksum próprios.
classic-x-reply-clean = O servidor aceita (mensagens de até {$size} bytes). Sem erros, cada linha recebe uma confirmação, e o cliente só escreve a linha seguinte depois de lê-la.
classic-x-reply-lossy = O servidor aceita (mensagens de até {$size} bytes). Com erros, o servidor finge que o canal é ruim: pode responder ERRO_CORROMPIDO, não responder ou responder tarde. O cliente espera {$timeout} s por cada resposta e envia uma linha no máximo {$tries} vezes.
classic-x-refused = O servidor recusa o handshake: a resposta diz por quê.
classic-x-message-first = A primeira mensagem: {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
} escritos com um send() e lidos com um recv(). Não há enquadramento: funciona porque o cliente espera a resposta antes de escrever de novo, então uma leitura é uma mensagem.
classic-x-message = Mensagem {$index}: {$len ->
    [one] {$len} byte
   *[other] {$len} bytes
}, um send(), um recv().
classic-x-retry-no-answer = Tentativa {$attempt} de {$tries}: nenhuma resposta chegou em {$timeout} s, então o cliente envia a mesma linha de novo.
classic-x-retry-corrupted = Tentativa {$attempt} de {$tries}: a resposta foi ERRO_CORROMPIDO, então o cliente envia a mesma linha de novo na hora.
classic-x-retry-answered = A mesma linha de novo (tentativa {$attempt} de {$tries}), embora o servidor a tenha respondido: a resposta ficou retida mais que o temporizador de {$timeout} s do cliente, então o cliente enviou a linha de novo antes de ela chegar. Ele vai tomar essa resposta atrasada como a resposta desta tentativa: linhas simples não levam número para distingui-las.
classic-x-retry-seen = O servidor reconhece a retransmissão: o mesmo texto da última mensagem, cuja confirmação o cliente nunca recebeu. É a mesma mensagem, não uma nova.
classic-x-gave-up-seen = Uma linha nova enquanto a anterior nunca foi confirmada: depois de {$tries} tentativas o cliente desistiu dela e seguiu em frente.
classic-x-lose = Desta vez sem resposta (perda simulada): o temporizador de {$timeout} s do cliente vai expirar e ele vai enviar a mesma linha de novo (tentativa {$next} de {$tries}).
classic-x-lose-last = Desta vez sem resposta (perda simulada), e era a última tentativa do cliente: quando o temporizador de {$timeout} s expirar, ele desiste desta mensagem.
classic-x-corrupt = O servidor responde ERRO_CORROMPIDO no lugar da confirmação (corrupção simulada): o cliente vai enviar a mesma linha de novo na hora (tentativa {$next} de {$tries}).
classic-x-corrupt-last = O servidor responde ERRO_CORROMPIDO (corrupção simulada), e era a última tentativa do cliente: ele desiste desta mensagem.
classic-x-delay = A resposta espera {$delay} s antes de sair (atraso simulado): menos que o temporizador do cliente, então ainda vale.
classic-x-delay-late = A resposta espera {$delay} s (atraso simulado): mais que o temporizador de {$timeout} s do cliente. O cliente vai enviar a linha de novo antes de esta resposta chegar.
classic-x-scripted = (Uma falha programada: acontece em toda execução.)
classic-x-random = (Uma falha aleatória, tirada da semente: a mesma semente dá as mesmas falhas.)
classic-x-above-tcp = O próprio TCP não perdeu nem danificou nada: a linha chegou inteira e o TCP a confirmou. O erro é inventado pela aplicação, acima do TCP, e a retransmissão é a linha inteira de novo, enviada pela aplicação. Nos protocolos de pacotes do laboratório (Stop-and-Wait, Go-Back-N, Repetição Seletiva) é o canal abaixo do protocolo que perde e danifica pacotes, e o protocolo numera cada um para se recuperar.
classic-x-answer = Uma confirmação por mensagem, com o nome da mensagem, como o servidor clássico envia.
classic-x-answer-corrupted = ERRO_CORROMPIDO: o servidor diz que a linha chegou danificada. Sobre TCP isso não aconteceria: o checksum do TCP teria percebido e o segmento seria enviado de novo. O servidor só finge, para o cliente retransmitir.
classic-x-too-long = Uma mensagem de {$len} bytes, maior que os {$max} combinados no handshake: o servidor responde com um erro e não a aceita.
classic-x-too-long-client = Uma mensagem de {$len} bytes, maior que os {$max} combinados no handshake: o cliente não a envia.
classic-x-timeout = Nenhuma resposta em {$timeout} s para a tentativa {$attempt}: a resposta se perdeu, ou está atrasada. O cliente não tem como saber qual.
classic-x-stale = Uma resposta atrasada: {$text} não é a confirmação da linha que espera, então o cliente a deixa de lado. O cliente clássico não tem como saber, e a tomaria pela resposta da linha que acabou de enviar.
classic-x-confirmed = A mensagem {$index} está confirmada na tentativa {$attempt}.
classic-x-gave-up = Nenhuma confirmação depois de {$tries} tentativas: o cliente desiste da mensagem {$index} e segue em frente. O TCP nunca desiste de dados assim enquanto a conexão vive: ele mesmo retransmite segmentos, abaixo da aplicação.
classic-x-quit = sair: o cliente encerra a sessão. O servidor não responde; os dois fecham a conexão.
