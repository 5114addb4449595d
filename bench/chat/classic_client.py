#!/usr/bin/env python3
"""A classic chat and file client, as a networking class writes it: a thread
receives frames, the main thread reads commands (`chat <msg>`,
`arquivo <name>` / `file <name>`, `sair` / `quit`). Downloads are verified
with SHA-256. It knows only the classic frames and ignores any other type.

Used by synack's tests (it must work against synack's server) and as the
comparison in the download benchmark.

    python3 classic_client.py [HOST] [PORT] [--downloads DIR] < commands

It prints CHAT lines as they come, "OK <name> <size> <sha256>" for a verified
download, "FALHA <name> ..." for a failed one, "ERRO <text>" for FERR. After a
download command it waits for that download before reading the next command.
"""
import argparse
import hashlib
import os
import socket
import struct
import sys
import threading

LIMIT = 1 << 20


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            return None
        data += part
    return data


def frame(kind, payload=b""):
    return struct.pack(">Q4s", len(payload), kind.encode("ascii")) + payload


class Receiver(threading.Thread):
    def __init__(self, sock, folder):
        super().__init__(daemon=True)
        self.sock = sock
        self.folder = folder
        self.done = threading.Event()
        self.closed = threading.Event()
        self.file = None

    def run(self):
        size = got = 0
        name = None
        expected = None
        digest = None
        try:
            while True:
                header = recv_exact(self.sock, 12)
                if header is None:
                    break
                length, kind = struct.unpack(">Q4s", header)
                if length > LIMIT:
                    print("ERRO quadro grande demais", flush=True)
                    break
                payload = recv_exact(self.sock, length) if length else b""
                if payload is None:
                    break
                kind = kind.decode("ascii", "replace")
                if kind == "CHAT":
                    print(payload.decode("utf-8", "replace"), flush=True)
                elif kind == "FERR":
                    print("ERRO " + payload.decode("utf-8", "replace"), flush=True)
                    if self.file:
                        self.file.close()
                        self.file = None
                    self.done.set()
                elif kind == "FROK":
                    pass
                elif kind == "FMTA":
                    (n,) = struct.unpack(">I", payload[:4])
                    name = os.path.basename(payload[4:4 + n].decode("utf-8"))
                    (size,) = struct.unpack(">Q", payload[4 + n:12 + n])
                    got = 0
                elif kind == "FHSH":
                    expected = payload
                    digest = hashlib.sha256()
                    self.file = open(os.path.join(self.folder, name), "wb")
                    if size == 0:
                        self.finish(name, size, expected, digest)
                elif kind == "FDAT":
                    self.file.write(payload)
                    digest.update(payload)
                    got += len(payload)
                    if got >= size:
                        self.finish(name, size, expected, digest)
                # anything else: ignored
        except OSError:
            pass
        if self.file:
            self.file.close()
        self.closed.set()
        self.done.set()

    def finish(self, name, size, expected, digest):
        self.file.close()
        self.file = None
        if digest.digest() == expected:
            print("OK %s %d %s" % (name, size, digest.hexdigest()), flush=True)
        else:
            print("FALHA %s sha256 diferente" % name, flush=True)
        self.done.set()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host", nargs="?", default="localhost")
    ap.add_argument("port", nargs="?", type=int, default=5555)
    ap.add_argument("--downloads", default="client_downloads")
    args = ap.parse_args()
    os.makedirs(args.downloads, exist_ok=True)
    sock = socket.create_connection((args.host, args.port))
    receiver = Receiver(sock, args.downloads)
    receiver.start()
    for line in sys.stdin:
        line = line.strip()
        cmd, _, rest = line.partition(" ")
        if cmd == "chat" and rest:
            sock.sendall(frame("CHAT", rest.encode("utf-8")))
        elif cmd in ("arquivo", "file") and rest:
            receiver.done.clear()
            sock.sendall(frame("FILE", rest.encode("utf-8")))
            receiver.done.wait()
        elif cmd in ("sair", "quit"):
            break
        if receiver.closed.is_set():
            break
    try:
        sock.sendall(frame("QUIT"))
    except OSError:
        pass
    receiver.closed.wait(5)
    sock.close()


if __name__ == "__main__":
    main()
