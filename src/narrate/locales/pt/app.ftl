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
