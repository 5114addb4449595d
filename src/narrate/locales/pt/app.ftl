## Saída de comandos e erros que não são de uma área só.

error-prefix = erro
warning = aviso: {$message}
error-output = não consigo escrever a saída: {$reason}
error-checks-failed = {$failed} de {$total} lições falharam nas verificações
error-bad-param = `--param {$text}` deve ter a forma NOME=VALOR, por exemplo `--param segments=1000`
error-create-file = não consigo criar {$path}: {$reason}
lesson-list-heading = Lições
lesson-list-footer = Rode uma com `synack lesson run NOME` (acrescente --explain para ouvir a narração); escreva a sua: veja lessons/README.md.
step-prompt = ⏎ próximo passo · q e ⏎ para sair
error-captures-stale = {$count ->
    [0] {$count} arquivos de captura faltam ou estão desatualizados
    [one] {$count} arquivo de captura falta ou está desatualizado
   *[other] {$count} arquivos de captura faltam ou estão desatualizados
}: rode `synack captures` e faça commit do resultado
captures-same = {$file} está atualizado
captures-missing = {$file} não existe
captures-differs = {$file} difere do que esta versão escreve
captures-wrote = escrevi {$file} ({$bytes} bytes)
