"""O cliente de conversa das aulas de redes: conecta ao servidor na porta
5000, envia o que se digita e mostra em bits cada resposta. `sair`, de
qualquer lado, termina a conversa.

    python3 talk_client.py [HOST] [PORTA]
"""

import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORTA = int(sys.argv[2]) if len(sys.argv) > 2 else 5000


def bits(dados):
    return " ".join(format(b, "08b") for b in dados)


with socket.create_connection((HOST, PORTA), timeout=10) as s:
    print(f"Conectado a {HOST}:{PORTA}", flush=True)
    while True:
        mensagem = input("Você: ")
        s.sendall(mensagem.encode("utf-8"))
        if mensagem == "sair":
            break
        dados = s.recv(1024)
        if not dados:
            print("O servidor fechou a conexão", flush=True)
            break
        print("Bits recebidos:", bits(dados), flush=True)
        texto = dados.decode("utf-8").strip()
        print("Servidor:", texto, flush=True)
        if texto == "sair":
            break
    print("Fim da conversa", flush=True)
