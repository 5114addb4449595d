"""The classic UDP upper-case server (socketserver.UDPServer).

    python3 udp_upper_server.py COUNT

Listens on a free port of 127.0.0.1, prints the port, answers COUNT datagrams
stripped and upper-cased, then exits.
"""

import socketserver
import sys


class Upper(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        sock.sendto(data.strip().upper(), self.client_address)


with socketserver.UDPServer(("127.0.0.1", 0), Upper) as server:
    server.timeout = 10
    print(server.server_address[1], flush=True)
    for _ in range(int(sys.argv[1])):
        server.handle_request()
