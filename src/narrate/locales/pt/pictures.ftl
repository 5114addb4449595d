pictures-too-long = as figuras (--svg, --graph, --html) desenham no máximo {$most} passos, e esta execução tem mais: encurte-a (menos segmentos, ou explain --frame/--conversation para parte de uma captura)
explain-error-picture-needs-one = {$file}: --svg, --graph e --html desenham uma conversa, e {$count} foram escolhidas: escolha uma com --conversation N (veja a lista com --summary)
picture-bits-cut = A página guarda só os bits dos primeiros {$most} segmentos, para ficar leve; --bits no terminal mostra todos.
picture-bits-cut-frame = A página guarda só os bits dos primeiros {$most} segmentos, para ficar leve; `synack explain ARQUIVO --bits --frame {$frame}` mostra este.
