## --explain: o que cada passo significa, com a conta e a seção da RFC.
## Toda mensagem de narração recebe $who ("o cliente"), $who_cap ("O cliente"),
## $whose_cap, $of ("do cliente"), $peer e $peer_of.

who-client = o cliente
who-client-start = O cliente
whose-client-start = Do cliente
of-client = do cliente
who-server = o servidor
who-server-start = O servidor
whose-server-start = Do servidor
of-server = do servidor

arith-bytes = {$n ->
    [0] {$n} bytes
    [one] {$n} byte
   *[other] {$n} bytes
}
arith-syn = 1 pelo SYN
arith-fin = 1 pelo FIN
arith-wrapped = (contando módulo 2^32: o número deu a volta depois de 4294967295)

what-syn = o SYN
what-syn-ack = o SYN,ACK
what-fin = o FIN
what-data = os dados a partir de seq = {$seq}
what-unacked = o que ainda não foi confirmado

explain-syn = {$who_cap} abre a conexão com um SYN: seq = {$seq} é o seu número de sequência inicial (ISN), que uma pilha real escolhe ao acaso para que não possa ser adivinhado. O SYN ocupa um número de sequência, então o primeiro byte de dados será o {$next} (RFC 9293 §3.4, §3.5).
explain-syn-ack = {$who_cap} aceita com um SYN,ACK: seq = {$seq} é o seu próprio ISN, e o bit ACK confirma o SYN {$peer_of} (RFC 9293 §3.5).
explain-syn-options = Opções: {$options}. Cada lado só pode anunciá-las no seu SYN, assim cada um conhece os limites do outro antes de qualquer dado (RFC 9293 §3.7.1, RFC 7323).
explain-window = win = {$win}: o máximo de bytes que {$peer} pode enviar antes de ter que esperar uma confirmação (RFC 9293 §3.8.6).
explain-data = {$who_cap} envia {$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
} {$text}, numerados de {$first} a {$last} (RFC 9293 §3.4).
explain-psh = O PSH pede ao receptor que entregue os dados à aplicação sem esperar mais (RFC 9293 §3.9.1).
explain-fin = {$who_cap} não tem mais nada a enviar: FIN. Como o SYN, o FIN ocupa um número de sequência, o {$seq} (RFC 9293 §3.6).
explain-ack = {$who_cap} confirma o que chegou. Sem dados e sem SYN ou FIN, este segmento não ocupa número de sequência (RFC 9293 §3.4).
explain-dup-ack = {$who_cap} repete a sua confirmação: o que chegou era uma cópia, estava fora de ordem ou fora da janela, e ack = {$ack} continua indicando o primeiro byte que falta (RFC 9293 §3.10.7.4).
explain-challenge-ack = {$who_cap} responde com um "ACK de desafio" em vez de obedecer: se o outro lado falava sério, responderá com um RST com exatamente o número de sequência esperado (RFC 5961).
explain-window-update = A aplicação {$of} leu os dados que esperavam, e a janela volta a abrir para {$win} bytes: uma atualização de janela (RFC 9293 §3.8.6.2.2).
explain-window-probe = A janela anunciada por {$peer} é zero, então {$who} envia um único byte para descobrir quando ela abre: uma sonda de janela zero (RFC 9293 §3.8.6.1).
explain-fast-retransmit = {$who_cap} recebeu três ACKs duplicados seguidos e reenvia seq = {$seq} na hora, sem esperar o temporizador: uma retransmissão rápida (RFC 5681 §3.2).
explain-rst-no-connection = Ninguém escuta na porta {$port}, então o TCP {$of} responde com um reset: todo segmento para uma conexão que não existe recebe um RST (RFC 9293 §3.5.2, §3.10.7.1).
explain-rst-ack-in-listen = {$who_cap} só está escutando, e um ACK não pode estar certo em LISTEN: responde com um RST cujo seq é esse número de ACK (RFC 9293 §3.10.7.2).
explain-rst-unacceptable-ack = {$who_cap} recebeu um ACK de algo que nunca enviou: responde com um RST, seq = SEG.ACK = {$seq} (RFC 9293 §3.10.7.3).
explain-rst-abort = A aplicação {$of} abortou: o TCP envia um RST com seq = SND.NXT = {$seq} e esquece a conexão na hora, sem FIN e sem TIME-WAIT (RFC 9293 §3.10.5).
explain-retransmission = É uma retransmissão: o mesmo número de sequência, {$seq}, porque leva de novo os mesmos bytes (ou o mesmo SYN ou FIN) (RFC 9293 §3.8.1).
explain-seq-arith = seq = {$arith}: o número logo depois do que {$who} enviou antes (RFC 9293 §3.4).
explain-ack-arith = ack = {$arith}: o próximo byte que {$who} espera {$peer_of} (RFC 9293 §3.4).
explain-ack-plain = ack = {$ack}: todos os bytes antes do {$ack} chegaram (RFC 9293 §3.4).
explain-zero-window = win = 0: o buffer de recepção {$of} está cheio, e {$peer} deve parar de enviar até ele abrir (RFC 9293 §3.8.6).

explain-drop = O enlace perde este segmento, e {$peer} nunca o vê; {$who} só vai perceber quando o seu temporizador de retransmissão estourar.
explain-drop-random = (Uma perda aleatória, na taxa de perda do enlace.)
explain-fault-duplicate = O enlace entrega este segmento duas vezes: {$peer} precisa perceber a cópia e descartá-la.
explain-fault-delay = O enlace segura este segmento {$delay} a mais que o normal.
explain-fault-reorder = O enlace segura este segmento para que o seguinte passe na frente: {$peer} os verá fora de ordem.

explain-state-listen = {$who_cap} passa a {$to}: uma abertura passiva; não envia nada e espera um SYN (RFC 9293 §3.10.1).
explain-state-connect = {$who_cap} passa a {$to}: uma abertura ativa; o seu SYN sai e ele espera a resposta (RFC 9293 §3.5).
explain-state-close-fin-wait-1 = {$who_cap} passa a {$to}: a aplicação fechou, então um FIN segue os dados; espera que esse FIN seja confirmado (RFC 9293 §3.10.4).
explain-state-close-last-ack = {$who_cap} passa a {$to}: {$peer} já tinha fechado; agora envia o seu próprio FIN e espera o último ACK (RFC 9293 §3.6).
explain-state-close-before-open = {$who_cap} passa a {$to}: fechar em {$from} não precisa de segmento algum (RFC 9293 §3.10.4).
explain-state-abort = {$who_cap} passa a {$to}: abortar apaga a conexão na hora (RFC 9293 §3.10.5).
explain-state-recv-syn = {$who_cap} passa a {$to}: chegou um SYN; responde SYN,ACK e espera o ACK que completa o handshake (RFC 9293 §3.10.7.2).
explain-state-simultaneous-syn = {$who_cap} passa a {$to}: chegou um SYN enquanto o seu próprio SYN ainda não tinha resposta, uma abertura simultânea; responde SYN,ACK (RFC 9293 §3.5, Figura 7).
explain-state-recv-syn-ack = {$who_cap} passa a {$to}: o SYN,ACK confirma o seu SYN, então os dois números de sequência são conhecidos; confirma com um ACK (RFC 9293 §3.10.7.3).
explain-state-ack-of-syn = {$who_cap} passa a {$to}: o seu SYN foi confirmado, e a conexão está aberta nos dois sentidos (RFC 9293 §3.10.7.4).
explain-state-fin-close-wait = {$who_cap} passa a {$to}: {$peer} não enviará mais dados, mas este lado ainda pode enviar até a sua aplicação fechar (RFC 9293 §3.6).
explain-state-fin-closing = {$who_cap} passa a {$to}: o FIN {$peer_of} cruzou com o seu, os dois fecharam ao mesmo tempo, e espera que o seu FIN seja confirmado (RFC 9293 §3.6, Figura 13).
explain-state-fin-time-wait = {$who_cap} passa a {$to}: o FIN {$peer_of} também chegou; confirma-o e espera 2×MSL para que nenhum segmento perdido desta conexão sobreviva (RFC 9293 §3.6).
explain-state-ack-of-fin-fin-wait-2 = {$who_cap} passa a {$to}: o seu FIN foi confirmado; ainda pode receber, e espera o FIN {$peer_of} (RFC 9293 §3.10.7.4).
explain-state-ack-of-fin-time-wait = {$who_cap} passa a {$to}: o seu FIN também foi confirmado; agora espera 2×MSL (RFC 9293 §3.10.7.4).
explain-state-ack-of-fin-closed = {$who_cap} passa a {$to}: chegou o último ACK e a conexão deixou de existir (RFC 9293 §3.10.7.4).
explain-state-fin-ack-of-fin = {$who_cap} passa a {$to}: um só segmento confirmou o seu FIN e trouxe o FIN {$peer_of}, então pula FIN-WAIT-2 (RFC 9293 §3.10.7.4).
explain-state-rst-syn-sent = {$who_cap} passa a {$to}: o RST confirma o seu SYN, então a conexão foi recusada (RFC 9293 §3.10.7.3).
explain-state-rst = {$who_cap} passa a {$to}: um RST com exatamente o número de sequência esperado encerra a conexão (RFC 9293 §3.10.7.4, RFC 5961).
explain-state-back-to-listen = {$who_cap} passa a {$to}: a conexão meio aberta é descartada e ele volta a escutar (RFC 9293 §3.10.7.4).
explain-state-time-wait-expired = {$who_cap} passa a {$to}: passaram-se 2×MSL, então nenhum segmento antigo desta conexão pode ainda estar na rede (RFC 9293 §3.6, §3.10.8).
explain-state-retransmit-limit = {$who_cap} passa a {$to}: retransmitiu vezes demais sem resposta e desiste (RFC 9293 §3.8.3).

explain-timer-rto = Nenhum ACK dentro do tempo de retransmissão (RTO) de {$after}: {$who} envia {$what} de novo e dobra o seu temporizador para {$next} (tentativa {$attempt}; RFC 6298 §5.5).
explain-timer-time-wait = Passaram-se 2×MSL = {$after} desde que {$who} entrou em TIME-WAIT (RFC 9293 §3.10.8).
explain-timer-persist = O temporizador de persistência {$of} disparou com a janela em zero, então ele sonda a janela (RFC 9293 §3.8.6.1).

explain-call-listen = A aplicação {$of} chama listen(): o TCP vai aceitar um SYN nesta porta (um OPEN passivo, RFC 9293 §3.10.1).
explain-call-connect = A aplicação {$of} chama connect() para {$remote}: um OPEN ativo (RFC 9293 §3.10.1).
explain-call-send = A aplicação {$of} entrega {$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
} ao TCP com send(); o TCP decide como cortá-los em segmentos (RFC 9293 §3.10.2).
explain-call-close = A aplicação {$of} chama close(): não tem mais nada a enviar, mas ainda pode receber (RFC 9293 §3.10.4).
explain-call-abort = A aplicação {$of} chama abort(): largar tudo, agora (RFC 9293 §3.10.5).
explain-call-pause = A aplicação {$of} para de ler: os dados se acumulam no buffer de recepção e a janela anunciada diminui.
explain-call-resume = A aplicação {$of} lê tudo o que esperava: o buffer esvazia e a janela abre.
explain-data-received = A aplicação {$of} recebe {$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
}: {$text}.
explain-error-refused = A aplicação {$of} recebe "conexão recusada": não havia ninguém escutando.
explain-error-reset = A aplicação {$of} recebe "conexão reiniciada": o outro lado abortou.
explain-error-timed-out = A aplicação {$of} recebe "tempo esgotado": nenhuma resposta depois de todas as retransmissões.

explain-discard = {$who_cap}: {$what}. {$why}
explain-discard-reset-ignored = Um RST nunca é respondido, seja qual for o problema dele (RFC 9293 §3.10.7).
explain-discard-outside-window = O número de sequência está fora da janela de recepção; um ACK diz ao remetente o que realmente se espera (RFC 9293 §3.10.7.4).
explain-discard-reset-not-exact = Um RST precisa trazer exatamente o próximo número de sequência esperado; este só chega perto, então recebe um ACK de desafio (RFC 5961 §3.2).
explain-discard-unexpected-syn = Um SYN numa conexão aberta pode ser um ataque ou um par que reiniciou, então recebe um ACK de desafio (RFC 5961 §4).
explain-discard-not-a-connection-request = Sem SYN não há conexão para começar (RFC 9293 §3.10.7.2, §3.10.7.3).
explain-discard-no-ack = Depois que os dois lados estão sincronizados, todo segmento deve trazer o bit ACK (RFC 9293 §3.10.7.4).
explain-discard-ack-of-unsent-data = Ele confirma dados que nunca foram enviados (RFC 9293 §3.10.7.4).
explain-discard-duplicate = É uma cópia de algo que já chegou; o ACK é repetido caso o primeiro tenha se perdido (RFC 9293 §3.10.7.4).
explain-discard-repeated-syn = O outro lado enviou o SYN de novo, então o SYN,ACK deve ter se perdido: ele é enviado outra vez (RFC 9293 §3.8.1).
explain-dupack = ACK duplicado número {$count}: {$peer} ainda espera seq = {$ack}; o terceiro seguido dispara uma retransmissão rápida (RFC 5681 §3.2).
explain-out-of-order = {$who_cap} recebeu {$len ->
    [0] {$len} bytes
    [one] {$len} byte
   *[other] {$len} bytes
} em seq = {$seq}, depois de uma lacuna: guarda-os para depois e repete o ACK dos bytes que faltam (RFC 9293 §3.10.7.4).

explain-state-inferred-listen = {$who_cap} devia estar em {$to}: chegou a ele um SYN, e só um socket escutando aceita um (RFC 9293 §3.10.7.2).
explain-state-mid-stream = {$who_cap} é considerado em {$to}: a captura começou depois do handshake, então a conexão já estava aberta.
explain-note-mid-stream = A captura começa no meio de uma conexão: o handshake aconteceu antes de a captura começar, então os dois lados são considerados ESTABLISHED.
explain-note-retransmission = Este segmento repete números de sequência já enviados: uma retransmissão. O remetente não viu a confirmação a tempo, ou a primeira cópia se perdeu (RFC 9293 §3.8.1).
explain-note-dup-ack = ACK duplicado número {$count}: {$who} ainda confirma só até {$ack}, sinal de que um segmento depois disso sumiu; três seguidos fazem o remetente retransmitir na hora (RFC 5681 §3.2).
explain-note-not-captured = O número de sequência salta para a frente: {$missing} bytes enviados por {$who} antes deste segmento nunca apareceram na captura. Perderam-se no caminho, ou a captura não os pegou.
explain-note-out-of-order = Estes {$len} bytes vêm abaixo de dados já vistos, menos de {$rtt} depois deles ({$rtt_why}): cedo demais para o remetente os ter repetido, então, como o Wireshark, o synack os considera reordenados no caminho. O receptor guarda bytes fora de ordem e os usa quando a lacuna se preenche (RFC 9293 §3.10.7.4).
explain-note-out-of-order-again = Fora de ordem de novo: {$len} bytes abaixo de dados já vistos.
ooo-rtt-initial = o tempo de ida e volta do handshake
ooo-rtt-default = 3 ms, já que nenhum handshake deu um tempo de ida e volta
explain-note-zero-window = A janela é 0: o buffer de recepção {$of} está cheio, e {$peer} deve parar de enviar até uma atualização de janela (RFC 9293 §3.8.6).
explain-note-window-update = Só a janela mudou, para {$window} bytes: {$who} tem espaço de novo e avisa (RFC 9293 §3.8.6.2.2).
explain-note-truncated = A captura guardou só os primeiros {$captured} dos {$len} bytes de dados (o seu snap length); o resto aparece como zeros.
explain-note-relative = O ISN {$of} é {$isn}; como no Wireshark, os números abaixo contam a partir dele como 0 (use --absolute para ver os números reais).
explain-udp = Um datagrama UDP de {$src} para {$dst}, {$len} bytes: sem conexão, sem números de sequência, sem confirmação; chega inteiro ou não chega (RFC 768).
explain-note-fast-retransmission = Uma retransmissão rápida: ACKs duplicados pediram estes bytes, então {$who} os envia de novo na hora, sem esperar o temporizador (RFC 5681 §3.2).
explain-note-spurious-retransmission = Uma retransmissão desnecessária: {$peer} já tinha confirmado todos os bytes dela, então esta cópia não era necessária.
explain-note-acked-unseen = Este ACK cobre {$unseen} bytes que a captura nunca mostrou: passaram por onde a captura não via.
explain-note-zero-window-probe = Sonda de janela zero número {$attempt}: um byte além da janela fechada, enviado pelo temporizador de persistência para perguntar se {$peer} tem espaço de novo (RFC 9293 §3.8.6.1).
explain-note-zero-window-probe-ack = A resposta a uma sonda de janela zero: a janela continua fechada.
explain-note-window-full = Este segmento enche até a borda a janela de {$window} bytes que {$peer} ofereceu: {$who} precisa esperar uma confirmação antes de enviar mais.
explain-note-keep-alive = Um keep-alive: nenhum dado novo, um número de sequência abaixo do próximo, para perguntar se {$peer} ainda está lá (RFC 9293 §3.8.4).
explain-note-keep-alive-ack = A resposta a um keep-alive: {$who} ainda está lá.
explain-note-reused-ports = Um novo SYN nas portas de uma conexão anterior, com um novo ISN: uma nova conexão, não uma retransmissão.
explain-note-initial-rtt = O handshake levou {$rtt} do SYN ao ACK final: o tempo de ida e volta inicial.
explain-note-acks = Isto confirma o segmento do quadro {$frame}, {$rtt} depois de ele ser enviado (o seu tempo de ida e volta).
explain-note-window-scale = Os dois SYNs ofereceram escala de janela, então toda janela daqui em diante é multiplicada (RFC 7323 §2.2).
explain-note-lost-after-capture = Este segmento passou pelo ponto de captura mas nunca chegou: os pacotes seguintes mostram que se perdeu.
explain-note-control-words = Os dados dizem "{$text}": palavras como o SYN, o ACK e o FIN do próprio TCP, mas isto são dados de aplicação do programa, levados dentro de um segmento {$flags} cujo número de sequência TCP real é {$seq}. O handshake real do TCP estava nos bits de flag dos quadros {$syn}, {$synack} e {$ack}, com os números de sequência do próprio TCP; os números deste texto são do programa, não do TCP.
explain-note-control-words-unseen = Os dados dizem "{$text}": palavras como o SYN, o ACK e o FIN do próprio TCP, mas isto são dados de aplicação do programa, levados dentro de um segmento {$flags} cujo número de sequência TCP real é {$seq}. O handshake real do TCP estava nos bits de flag dos cabeçalhos, antes do início desta captura; os números deste texto são do programa, não do TCP.
explain-note-control-words-again = Mais palavras do próprio programa, "{$text}": dados de aplicação num segmento {$flags}, não flags do TCP.
explain-note-control-words-plain = Os dados dizem "{$text}", como as palavras de controle do próprio TCP, mas são dados de aplicação dentro de um segmento; as flags reais do TCP estão no cabeçalho.
explain-note-window-scale-off = Nem os dois SYNs ofereceram escala de janela, então toda janela vale em bytes, sem multiplicar (RFC 7323 §2.2).

## O porquê numa captura: temporizadores, retransmissão rápida, SACK, janelas, opções.
explain-frame = Quadro {$frame}:
explain-syn-isn = {$who_cap} abre a conexão com um SYN. O seu número de sequência inicial (ISN) é {$isn}, mostrado como 0: como o Wireshark, o synack conta os números de cada lado a partir do seu ISN (--absolute mostra os reais). Uma pilha real escolhe ao acaso o ISN para que não possa ser adivinhado. O SYN ocupa um número de sequência, então o primeiro byte de dados será 1 (RFC 9293 §3.4, §3.5).
explain-syn-ack-isn = {$who_cap} aceita com um SYN,ACK. O seu próprio ISN é {$isn}, mostrado como 0, e o bit ACK confirma o SYN {$peer_of} (RFC 9293 §3.5).
explain-options = Opções: {$options}.
option-mss = MSS={$mss}, o maior segmento que {$who} aceita (só num SYN, RFC 9293 §3.7.1)
option-ws = WS={$shift}, ×{$factor}: as janelas {$of} depois do handshake são multiplicadas por 2^{$shift} = {$factor}, o fator que o Wireshark mostra (só num SYN, RFC 7323 §2.2)
option-sack-permitted = SACK-permitted: {$who} pode informar blocos que já tem além de uma lacuna (só num SYN, RFC 2018)
option-timestamps = TSval={$value} TSecr={$echo}: carimbos de tempo, levados em todo segmento, exceto um RST, quando os dois SYNs os têm, para medir a ida e volta e rejeitar duplicatas antigas (RFC 7323 §3, §5)
option-sack = blocos SACK, num ACK: os intervalos além de uma lacuna que {$who} já tem (RFC 2018)
explain-window-syn = win = {$win}: o máximo de bytes que {$peer} pode enviar antes de ter que esperar uma confirmação. A janela de um SYN nunca é escalada (RFC 9293 §3.8.6, RFC 7323 §2.2).
explain-window-scaled = win = {$win} ×{$factor} = {$bytes} bytes: o campo da janela é multiplicado pelo fator que {$who} anunciou no seu SYN, então {$peer} pode enviar até {$bytes} bytes além dos confirmados (RFC 7323 §2.2).
explain-window-unscaled = win = {$win} bytes: nenhuma escala de janela foi combinada, então o campo é a própria janela (RFC 9293 §3.8.6).
explain-window-unknown = win = {$win}: o handshake não está na captura, então o fator de escala é desconhecido e a janela aparece sem escala, como no Wireshark (RFC 7323 §2.2).
resent-bytes = os bytes {$first}–{$last}
resent-byte = o byte {$first}
resent-syn-ack = o SYN,ACK
resent-syn = o SYN
resent-fin = o FIN
resent-keep = o número de sequência {$seq}
resent-from = enviados primeiro no quadro {$frame}
resent-unseen = a primeira cópia não está na captura
explain-note-resent = {$attempt ->
    [1] Uma retransmissão
   *[other] A retransmissão número {$attempt}
} de {$what} ({$from}).
explain-note-rto-once = Saiu {$gap} depois da cópia anterior sem nenhuma confirmação no meio: o temporizador de retransmissão {$of} expirou (RFC 6298 §5).
explain-note-rto-doubled = O temporizador dobrou a cada vez: {$gaps} (RFC 6298 §5.5). {$peer_cap} nunca confirmou estes bytes.
explain-note-rto-gaps = Os intervalos entre as cópias foram {$gaps}; {$peer} não confirmou nenhuma delas (RFC 6298 §5).
explain-note-fast-resent = Uma retransmissão rápida de {$what} ({$from}): três ACKs duplicados a pediram, então {$who} a envia de novo na hora, sem esperar o temporizador (retransmissão rápida, RFC 5681 §3.2).
explain-note-spurious-resent = Uma retransmissão desnecessária de {$what} ({$from}): {$peer} já tinha confirmado todos os bytes dela, então esta cópia não era necessária.
explain-note-asked-for = O Wireshark chama este segmento de fora de ordem, porque chegou dentro do tempo de ida e volta inicial depois de dados mais novos; o synack o chama de retransmissão, e os timestamps do TCP decidem: o TSval dele, {$tsval}, é posterior ao TSval {$newer} dos dados mais novos, então {$who} o enviou depois desses dados (RFC 7323 §3), e {$peer} tinha pedido exatamente estes bytes com {$dupacks} ACKs duplicados antes de ele chegar. Um segmento que a rede reordenou levaria o timestamp mais antigo.
explain-note-dup-ack-first = ACK duplicado 1 para o byte {$ack}{$original}: chegou um segmento além de uma lacuna, então {$who} confirma de novo só até {$ack}, o primeiro byte que lhe falta (RFC 9293 §3.10.7.4).
explain-note-dup-ack-more = ACK duplicado {$count} para o byte {$ack}: ainda falta esse byte para {$who}.
explain-note-dup-ack-third = O terceiro ACK duplicado para o byte {$ack}: agora {$peer} deve retransmiti-lo na hora, sem esperar o temporizador (retransmissão rápida, RFC 5681 §3.2).
explain-note-dup-ack-later = ACK duplicado {$count} para o byte {$ack}: cada um diz a {$peer} que mais um segmento saiu da rede (recuperação rápida, RFC 5681 §3.2).
dup-ack-original = , repetindo o quadro {$frame}
explain-note-sack = Os seus blocos SACK dizem que {$who} já tem os bytes {$blocks}; só falta o que vem antes deles (RFC 2018).
explain-note-probe = Sonda de janela zero {$attempt}, {$since} depois {$attempt ->
    [1] de a janela fechar
   *[other] da sonda anterior
}: o temporizador de persistência {$of} pergunta se {$peer} tem espaço de novo, e espera mais antes de cada nova sonda (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17).
explain-note-keep-alive-since = Um keep-alive depois de {$since} de silêncio: nenhum dado novo, um número de sequência abaixo do próximo, então {$peer} deve responder com um ACK se ainda estiver lá. O Linux envia o primeiro depois de TCP_KEEPIDLE (2 horas, a não ser que a aplicação o mude) e repete a cada TCP_KEEPINTVL (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6).
explain-note-acks-rtt = Confirma o quadro {$frame}, enviado {$rtt} antes: o tempo de ida e volta desse segmento (RFC 6298 §2).
explain-note-window-scale-factors = Os dois SYNs ofereceram escala de janela: toda janela {$client_of} daqui em diante é multiplicada por {$client}, toda janela {$server_of} por {$server} (RFC 7323 §2.2).
explain-note-initial-rtt-why = O handshake levou {$rtt} do SYN ao ACK final: o tempo de ida e volta inicial. Como o Wireshark, o synack o usa para distinguir um segmento que a rede reordenou de um que o remetente repetiu.
explain-note-truncated-once = A captura guardou só os primeiros {$captured} dos {$len} bytes de dados (o seu snap length); o resto aparece como zeros. Os segmentos seguintes cortados do mesmo jeito não são mencionados de novo.
explain-roles-guessed = O handshake não está na captura, então os papéis são deduzidos das portas: {$server} é considerado o servidor (uma porta conhecida, ou a menor).
payload-binary = binário, {$hex}
explain-note-simultaneous-syn-ack = O Wireshark marca este SYN,ACK como retransmissão: ele leva o mesmo número de sequência do SYN que {$who} enviou no quadro {$frame}. Nada se perdeu: numa abertura simultânea cada lado responde ao SYN do outro com um SYN,ACK que repete o seu próprio SYN e agora confirma o do outro (RFC 9293 §3.5, Figura 7).
explain-note-not-keep-alive = O Wireshark chama isto de keep-alive, porque é um byte logo abaixo do próximo número de sequência; mas {$peer} ainda não tinha confirmado esse byte, então {$who} o está enviando de novo, não sondando: um keep-alive repete um byte já confirmado (RFC 9293 §3.8.4).
explain-note-syn-ack-again = Saiu só {$gap} depois da cópia anterior: cedo demais para um temporizador de retransmissão, então {$who} está respondendo a um SYN que chegou de novo (uma cópia que a rede atrasou ou que o outro lado repetiu); nada mostra que o primeiro SYN,ACK se perdeu.
explain-note-resent-early = Saiu só {$gap} depois da cópia anterior: cedo demais para um temporizador de retransmissão (o Linux espera pelo menos 200 ms, a RFC 6298 §2.4 pede 1 s), então {$who} deve ter concluído que a primeira cópia se perdeu pelos ACKs e blocos SACK que voltaram (recuperação de perdas, RFC 6675, RFC 8985).
explain-note-keep-alive-persist = O Wireshark chama isto de keep-alive, pela forma: nenhum dado, um número de sequência abaixo do próximo. Mas a janela que {$peer} ofereceu é 0, então isto é uma sonda de janela zero: o temporizador de persistência do Linux envia sondas com esta forma, esta {$since} depois do segmento anterior, esperando o dobro a cada vez, até a janela abrir (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17).
explain-note-persist-again = Outra sonda de janela zero, {$since} depois do segmento anterior: o temporizador de persistência espera cerca do dobro a cada vez (RFC 1122 §4.2.2.17).
explain-note-keep-alive-again = Outro keep-alive, {$since} depois do segmento anterior.
explain-note-lost-repeated-syn = Este segmento passou pelo ponto de captura mas nunca chegou: no quadro {$frame} {$peer} envia o seu SYN de novo, o que não faria se este SYN,ACK tivesse chegado. {$peer_cap} fica onde estava.
explain-note-lost-resent = Este segmento passou pelo ponto de captura mas nunca chegou: o quadro {$frame} leva os mesmos bytes de novo, e nada os confirmou no meio: se esta cópia tivesse chegado, {$peer} a teria confirmado.
explain-note-lost-peer-resent = Esta confirmação passou pelo ponto de captura mas nunca chegou: no quadro {$frame} {$peer} envia de novo bytes que ela cobre, muito depois do tempo em que ela já teria chegado.

## Os programas clássicos com Fernet numa captura: uma chave às claras, depois os tokens que ela abre.
explain-note-fernet-key = Estes primeiros bytes da conexão são uma chave Fernet, enviada às claras: {$key}. É assim que os programas clássicos com Fernet começam, e isso desfaz a criptografia deles: quem capturou a conexão, como esta captura fez, tem a chave e pode decifrar todos os tokens que vêm depois; o synack faz isso logo abaixo. A correção é uma chave que nunca passa pela rede: synack rdt server --secure e synack rdt client --secure fazem um handshake Noise que deriva as chaves dos dois lados, de modo que nada na rede abre as mensagens, e uma chave errada faz o handshake falhar em vez de ler alguma coisa.
explain-note-fernet-token = Um token Fernet de {$len} bytes; com a chave vista às claras no quadro {$frame}, ele se decifra em "{$text}".
explain-note-fernet-bad = {$len} bytes que não se decifram com a chave vista no quadro {$frame}: alterados no caminho, feitos com outra chave, ou não são um token Fernet.

explain-cc-initial = A janela de congestionamento {$of} começou, no fim do handshake, com a janela inicial IW = {$segments}·SMSS = {$segments} × {$smss} = {$cwnd} bytes (RFC 5681 §3.1: 4 segmentos para um SMSS de até 1095 bytes, 3 até 2190, 2 acima disso), e o ssthresh "arbitrariamente alto": slow start. No máximo min(cwnd, a janela do outro lado) bytes podem ficar sem confirmação.
explain-cc-initial-lost-syn = A janela de congestionamento {$of} começou, no fim do handshake, com um segmento, cwnd = 1·SMSS = {$cwnd} bytes, porque um segmento do seu handshake teve que ser reenviado (RFC 5681 §3.1), e o ssthresh "arbitrariamente alto": slow start.
explain-cc-initial-plain = A janela de congestionamento {$of} começou, no fim do handshake, com cwnd = {$cwnd} bytes, a janela inicial da RFC 5681 §3.1 (de 2 a 4 segmentos, conforme o SMSS), e o ssthresh "arbitrariamente alto": slow start.
explain-cc-slow-start-first = Slow start (RFC 5681 §3.1, equação 2): enquanto a cwnd está abaixo do ssthresh, ainda arbitrariamente alto, cada ACK de dados novos soma min(bytes confirmados, SMSS) à cwnd: {$before} + {$added} = {$cwnd}. Um segmento a mais por ACK dobra a cwnd a cada ida e volta; os ACKs seguintes a fazem crescer do mesmo jeito, e não se fala mais disso até a fase mudar.
explain-cc-slow-start = Slow start de novo (RFC 5681 §3.1, equação 2): a cwnd está abaixo do ssthresh = {$ssthresh}, então cada ACK de dados novos soma min(bytes confirmados, SMSS): {$before} + {$added} = {$cwnd}. A cwnd dobra a cada ida e volta até chegar ao ssthresh.
explain-cc-avoidance = Prevenção de congestionamento (congestion avoidance, RFC 5681 §3.1, equação 3): a cwnd = {$before} já não está abaixo do ssthresh = {$ssthresh}, então cada ACK de dados novos soma só SMSS·SMSS/cwnd = {$smss}·{$smss}/{$before} = {$added} bytes (bytes inteiros): {$before} + {$added} = {$cwnd}. Cerca de um segmento por ida e volta em vez de um por ACK: agora a janela cresce de forma linear, sondando com cuidado se há espaço.
explain-cc-avoidance-plain = Prevenção de congestionamento (congestion avoidance, RFC 5681 §3.1, equação 3): a cwnd já não está abaixo do ssthresh = {$ssthresh}, então cada ACK de dados novos soma cerca de SMSS·SMSS/cwnd, um segmento por ida e volta: {$before} + {$added} = {$cwnd}.
explain-cc-fast-retransmit = Três ACKs duplicados dizem que um segmento se perdeu enquanto os seguintes chegaram, então {$who} reduz o envio à metade (RFC 5681 §3.2, passos 2 e 3): ssthresh = max(FlightSize/2, 2·SMSS) = max({$flight}/2, {$two_smss}) = max({$half}, {$two_smss}) = {$ssthresh}; cwnd = ssthresh + 3·SMSS = {$ssthresh} + {$three_smss} = {$cwnd}, contando os três segmentos que, pelos duplicados, já saíram da rede. Começa a recuperação rápida (fast recovery).
explain-cc-fast-retransmit-plain = Três ACKs duplicados: ssthresh = max(FlightSize/2, 2·SMSS) = {$ssthresh} e cwnd = ssthresh + 3·SMSS = {$cwnd} (RFC 5681 §3.2, passos 2 e 3). Começa a recuperação rápida (fast recovery).
explain-cc-fast-recovery = Cada ACK duplicado a mais na recuperação rápida quer dizer que mais um segmento saiu da rede, então a cwnd cresce um SMSS: {$before} + {$added} = {$cwnd} (RFC 5681 §3.2, passo 4). Quando a cwnd passa do que está em trânsito, dados novos saem enquanto o segmento perdido é reparado; os próximos duplicados a inflam do mesmo jeito.
explain-cc-recovery-end = ack = {$ack} confirma dados novos, inclusive o segmento perdido: a recuperação rápida termina, e a cwnd desinfla para o ssthresh = {$cwnd}, o valor definido no terceiro ACK duplicado (RFC 5681 §3.2, passo 6). A cwnd não está abaixo do ssthresh, então segue a prevenção de congestionamento, não o slow start.
explain-cc-timeout = Um estouro do temporizador é o sinal mais forte de congestionamento (RFC 5681 §3.1, equação 4): ssthresh = max(FlightSize/2, 2·SMSS) = max({$flight}/2, {$two_smss}) = max({$half}, {$two_smss}) = {$ssthresh}, e a cwnd cai para a janela de perda, um segmento: cwnd = 1·SMSS = {$cwnd}. O slow start recomeça daí.
explain-cc-timeout-held = O temporizador já tinha reenviado este segmento, então o ssthresh continua {$ssthresh} (RFC 5681 §3.1), e a cwnd é a janela de perda, um segmento: {$cwnd}.
