"""The classic course-project client: it sends the handshake with no newline
and reads one reply.

    python3 rdt_classic_client.py HOST PORT [LINE]
"""

import socket
import sys

HOST, PORT = sys.argv[1], int(sys.argv[2])
LINE = sys.argv[3] if len(sys.argv) > 3 else "MODO:Go-Back-N;TAMANHO:50"

with socket.create_connection((HOST, PORT), timeout=5) as s:
    s.sendall(LINE.encode())
    reply = s.recv(1024)

print(reply.decode().strip())
