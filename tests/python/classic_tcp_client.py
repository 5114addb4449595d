"""The classic echo client of networking classes, against any TCP echo server.

    python3 classic_tcp_client.py HOST PORT
"""

import socket
import sys

HOST, PORT = sys.argv[1], int(sys.argv[2])

with socket.create_connection((HOST, PORT), timeout=5) as s:
    s.sendall(b"Hello, world")
    data = s.recv(1024)

print(f"Received {data!r}")
