pictures-too-long = as figuras (--svg, --graph, --html) desenham no máximo {$most} passos, e esta execução tem mais: encurte-a (menos segmentos, ou explain --frame/--conversation para parte de uma captura)
explain-error-picture-needs-one = {$file}: --svg, --graph e --html desenham uma conversa, e {$count} foram escolhidas: escolha uma com --conversation N (veja a lista com --summary)
picture-bits-cut = A página guarda só os bits dos primeiros {$most} segmentos, para ficar leve; --bits no terminal mostra todos.
picture-bits-cut-frame = A página guarda só os bits dos primeiros {$most} segmentos, para ficar leve; `synack explain ARQUIVO --bits --frame {$frame}` mostra este.

# the player page
player-step = passo
player-of = de
player-back = Voltar
player-next = Avançar
player-play = Tocar
player-pause = Pausar
player-speed = velocidade
player-first = Primeiro passo
player-last = Último passo
player-language = Idioma
player-narration = O que acontece
player-bits = Bits
player-graphs = Gráficos
player-all-steps = Todos os passos
player-keys = ← → passo · Home End · espaço toca · clique numa seta para ir até ela
player-no-graph = Sem gráfico para esta execução

# the sequence diagram
diagram-time = tempo
diagram-compressed = Eixo do tempo comprimido: intervalos ociosos (⌇) aparecem encurtados; a duração está ao lado da régua.
diagram-lost = perdido
diagram-retransmission = retransmissão
diagram-fired = disparou
diagram-stopped = parado
diagram-data = dados
diagram-control = controle / ACK
diagram-timer = temporizador
diagram-state = estado
diagram-frame = quadro
diagram-gap = ocioso por

# the graphs
graph-seq-panel = Gráfico tempo × sequência
graph-data-packets = pacote enviado
graph-data = segmento de dados
graph-retx = retransmissão
graph-ack = ACK (próximo esperado)
graph-rwnd = borda da janela (ACK + janela)
graph-sack = bloco SACK
graph-seq-axis-packets = número de sequência (pacotes)
graph-seq-axis = número de sequência (bytes, relativo)
graph-time-s = tempo (s)
graph-time-ms = tempo (ms)
graph-window-panel-packets = Janela do emissor
graph-window-panel = Janela de congestionamento
graph-flight-panel = Dados em voo
graph-model = as variáveis do próprio simulador
graph-captured = como a captura a mostra
graph-cwnd-packets = janela N
graph-cwnd = cwnd
graph-ssthresh = ssthresh
graph-ssthresh-unset = ssthresh = ∞ (ainda não definido)
graph-flight-packets = pacotes em voo
graph-flight = bytes em voo
graph-window-axis-packets = pacotes
graph-window-axis = bytes
graph-inferred = A cwnd nunca passa pela rede: isto é só o que a captura mostra em voo (enviado, ainda sem ACK).
graph-nothing-sent = nenhum dado foi enviado
graph-thinned = segmentos; os de uma mesma coluna de pixels são desenhados como uma barra
graph-rwnd-above = A borda da janela passa acima do gráfico, até
