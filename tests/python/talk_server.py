"""O servidor de conversa das aulas de redes: espera um cliente na porta 5000,
mostra em bits cada mensagem que chega e responde com o que se digita.
`sair`, de qualquer lado, termina a conversa.

    python3 talk_server.py [HOST] [PORTA]     (porta 0: uma livre, dita na 1a linha)
"""

import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORTA = int(sys.argv[2]) if len(sys.argv) > 2 else 5000


def bits(dados):
    return " ".join(format(b, "08b") for b in dados)


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOST, PORTA))
    s.listen(1)
    print(f"Servidor esperando em {HOST}:{s.getsockname()[1]}", flush=True)
    conn, endereco = s.accept()
    with conn:
        print(f"Conectado por {endereco[0]}:{endereco[1]}", flush=True)
        while True:
            dados = conn.recv(1024)
            if not dados:
                print("O cliente fechou a conexão", flush=True)
                break
            print("Bits recebidos:", bits(dados), flush=True)
            texto = dados.decode("utf-8").strip()
            print("Cliente:", texto, flush=True)
            if texto == "sair":
                break
            resposta = input("Você: ")
            conn.sendall(resposta.encode("utf-8"))
            if resposta == "sair":
                break
    print("Fim da conversa", flush=True)
