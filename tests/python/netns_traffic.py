"""Traffic for the capture tests between two network namespaces.

Servers print "listening" (flushed) once they accept connections, so the
test knows when to start the client; every command exits 0 on success.

    python3 netns_traffic.py sink PORT              read one connection to EOF
    python3 netns_traffic.py stall PORT RCVBUF SECS small buffer, no reading for SECS, then read
    python3 netns_traffic.py idle PORT              accept one connection, wait for EOF
    python3 netns_traffic.py send HOST PORT BYTES   send BYTES bytes, then close
    python3 netns_traffic.py keepalive HOST PORT SECS  connect with 1 s keep-alives, idle SECS
    python3 netns_traffic.py refused HOST PORT      connect to a closed port, expect a refusal
"""

import socket
import sys
import time


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def listen(port, rcvbuf=None):
    # A dual-stack socket: the same server takes IPv4 and IPv6 clients.
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    if rcvbuf is not None:
        # Set before listen() so the accepted socket inherits it and the
        # window scale in the SYN,ACK is chosen for it.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind(("::", port))
    s.listen(1)
    print("listening", flush=True)
    conn, _ = s.accept()
    s.close()
    return conn


def read_all(conn):
    total = 0
    while True:
        data = conn.recv(65536)
        if not data:
            return total
        total += len(data)


def connect(host, port, keepalive=False):
    s = socket.socket(family(host), socket.SOCK_STREAM)
    if keepalive:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    s.settimeout(20)
    s.connect((host, port))
    return s


def main(cmd, args):
    if cmd == "sink":
        conn = listen(int(args[0]))
        print(read_all(conn), flush=True)
        conn.close()
    elif cmd == "stall":
        conn = listen(int(args[0]), rcvbuf=int(args[1]))
        time.sleep(float(args[2]))
        print(read_all(conn), flush=True)
        conn.close()
    elif cmd == "idle":
        conn = listen(int(args[0]))
        read_all(conn)
        conn.close()
    elif cmd == "send":
        s = connect(args[0], int(args[1]))
        s.sendall(bytes(int(args[2])))
        s.shutdown(socket.SHUT_WR)
        # Wait for the receiver's FIN, so every byte was acknowledged.
        read_all(s)
        s.close()
    elif cmd == "keepalive":
        s = connect(args[0], int(args[1]), keepalive=True)
        time.sleep(float(args[2]))
        s.close()
    elif cmd == "refused":
        try:
            connect(args[0], int(args[1])).close()
        except ConnectionRefusedError:
            print("refused", flush=True)
            return
        sys.exit("connected, but the port should be closed")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
