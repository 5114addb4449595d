"""The classic Python echo servers the benchmark compares synack with.

    python3 echo_servers.py tcp   # socketserver.ThreadingTCPServer, bytes echoed unchanged
    python3 echo_servers.py udp   # socketserver.UDPServer, answers stripped and upper-cased

Both listen on a free port of 127.0.0.1 and print it on the first line.
"""

import socketserver
import sys


class TcpEcho(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            data = self.request.recv(1024)
            if not data:
                break
            self.request.sendall(data)


class UdpUpper(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        sock.sendto(data.strip().upper(), self.client_address)


class ThreadingTCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    if sys.argv[1:] == ["tcp"]:
        server = ThreadingTCPServer(("127.0.0.1", 0), TcpEcho)
    elif sys.argv[1:] == ["udp"]:
        server = socketserver.UDPServer(("127.0.0.1", 0), UdpUpper)
    else:
        sys.exit("usage: echo_servers.py tcp|udp")
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
