"""The classic Fernet pair of networking classes, written after that
behaviour for the tests: the client sends a fresh key as its first bytes, in
the clear, then one Fernet token per message and reads one token back; the
server answers each with a token of "Recebido: <msg>"; "sair" ends it.

    python3 fernet_pair.py server PORT
    python3 fernet_pair.py client HOST PORT MESSAGE...

The server prints "listening PORT" once it accepts connections (PORT 0 picks
a free one), serves one client and prints each message it decrypted. The
client prints each answer it decrypted, then sends "sair".
"""

import socket
import sys

from cryptography.fernet import Fernet


def server(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(1)
        print("listening", s.getsockname()[1], flush=True)
        conn, _ = s.accept()
        with conn:
            data = b""
            while len(data) < 44:
                more = conn.recv(44 - len(data))
                if not more:
                    return
                data += more
            f = Fernet(data)
            while True:
                token = conn.recv(4096)
                if not token:
                    break
                msg = f.decrypt(token).decode()
                if msg == "sair":
                    break
                print(msg, flush=True)
                conn.send(f.encrypt(f"Recebido: {msg}".encode()))


def client(host, port, messages):
    key = Fernet.generate_key()
    f = Fernet(key)
    with socket.create_connection((host, port)) as s:
        s.send(key)
        for msg in messages:
            s.send(f.encrypt(msg.encode()))
            print(f.decrypt(s.recv(4096)).decode(), flush=True)
        s.send(f.encrypt(b"sair"))


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(int(sys.argv[2]))
    else:
        client(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
