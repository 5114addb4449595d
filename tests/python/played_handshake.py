"""A pair of class programs that "simulate" TCP's handshake and teardown by
sending the words as text over a TCP connection that is already open, as one
of the programs synack grew from did. Written after that behaviour, for the
tests: the server answers each word the way the program did.

    python3 played_handshake.py server PORT
    python3 played_handshake.py client HOST PORT [MESSAGE]

The server prints "listening PORT" once it accepts connections (PORT 0
picks a free one) and serves one
client. Every exchange waits for its answer, so each text is its own segment.
"""

import socket
import sys


def server(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(1)
        print("listening", s.getsockname()[1], flush=True)
        conn, _ = s.accept()
        with conn:
            server_isn = 5000
            while True:
                data = conn.recv(1024)
                if not data:
                    break
                text = data.decode().strip()
                word, _, number = text.partition(":")
                if word == "SYN":
                    n = int(number)
                    conn.sendall(f"SYN-ACK:{server_isn}:ACK:{n + 1}".encode())
                elif word == "ACK":
                    conn.sendall(b"Connection established")
                elif word == "FIN":
                    n = int(number)
                    conn.sendall(f"ACK:{n + 1}".encode())
                    break
                else:
                    conn.sendall(f"Received: {text}".encode())


def client(host, port, message):
    with socket.create_connection((host, port)) as c:
        isn = 1234
        c.sendall(f"SYN:{isn}".encode())
        answer = c.recv(1024).decode()
        parts = answer.split(":")
        server_isn = int(parts[1])
        c.sendall(f"ACK:{server_isn + 1}".encode())
        c.recv(1024)
        c.sendall(message.encode())
        c.recv(1024)
        c.sendall(f"FIN:{isn + 1 + len(message)}".encode())
        print(c.recv(1024).decode(), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(int(sys.argv[2]))
    else:
        client(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "Hello")
