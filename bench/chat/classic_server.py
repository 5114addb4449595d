#!/usr/bin/env python3
"""A classic chat and file server, as a networking class writes it: a thread
per client, 8 KiB FDAT chunks, the SHA-256 computed for each request. It
speaks exactly the classic frames (CHAT FILE QUIT FROK FERR FMTA FHSH FDAT)
and ignores frame types it does not know.

Used by synack's tests (a synack client must work against it) and as the
comparison in the download benchmark.

    python3 classic_server.py [--bind HOST:PORT] [--dir DIR]

Console lines are broadcast as CHAT "[SERVER]: line"; `quit` stops. The first
line printed is "listening on HOST:PORT" (PORT is real even with port 0).
"""
import argparse
import hashlib
import os
import socket
import struct
import sys
import threading

CHUNK = 8192
LIMIT = 1 << 20

clients = []
clients_lock = threading.Lock()


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            return None
        data += part
    return data


def recv_frame(sock):
    header = recv_exact(sock, 12)
    if header is None:
        return None, None
    length, kind = struct.unpack(">Q4s", header)
    if length > LIMIT:
        raise ValueError("frame too long: %d" % length)
    payload = recv_exact(sock, length) if length else b""
    if payload is None:
        return None, None
    return kind.decode("ascii", "replace"), payload


def frame(kind, payload=b""):
    return struct.pack(">Q4s", len(payload), kind.encode("ascii")) + payload


def send(sock, lock, data):
    with lock:
        sock.sendall(data)


def broadcast(data, exclude=None):
    with clients_lock:
        targets = [c for c in clients if c[0] is not exclude]
    for sock, lock, _ in targets:
        try:
            send(sock, lock, data)
        except OSError:
            pass


def send_file(sock, lock, folder, name):
    path = os.path.join(folder, os.path.basename(name))
    if not name or not os.path.isfile(path):
        send(sock, lock, frame("FERR", ("arquivo nao encontrado: %s" % name).encode()))
        return
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            block = f.read(CHUNK)
            if not block:
                break
            digest.update(block)
    size = os.path.getsize(path)
    base = os.path.basename(path).encode()
    with lock:
        sock.sendall(frame("FROK"))
        sock.sendall(frame("FMTA", struct.pack(">I", len(base)) + base + struct.pack(">Q", size)))
        sock.sendall(frame("FHSH", digest.digest()))
        with open(path, "rb") as f:
            while True:
                block = f.read(CHUNK)
                if not block:
                    break
                sock.sendall(frame("FDAT", block))


def handle(sock, addr, folder):
    lock = threading.Lock()
    entry = (sock, lock, addr)
    with clients_lock:
        clients.append(entry)
    print("cliente %s:%d conectado" % addr, flush=True)
    try:
        while True:
            kind, payload = recv_frame(sock)
            if kind is None:
                break
            if kind == "CHAT":
                try:
                    text = payload.decode("utf-8")
                except UnicodeDecodeError:
                    send(sock, lock, frame("FERR", b"texto invalido"))
                    continue
                line = "[%s:%d]: %s" % (addr[0], addr[1], text)
                print(line, flush=True)
                broadcast(frame("CHAT", line.encode()), exclude=sock)
            elif kind == "FILE":
                try:
                    name = payload.decode("utf-8")
                except UnicodeDecodeError:
                    send(sock, lock, frame("FERR", b"nome invalido"))
                    continue
                send_file(sock, lock, folder, name)
            elif kind == "QUIT":
                break
            # anything else: ignored
    except (OSError, ValueError) as e:
        print("cliente %s:%d: %s" % (addr[0], addr[1], e), flush=True)
    finally:
        with clients_lock:
            if entry in clients:
                clients.remove(entry)
        try:
            sock.close()
        except OSError:
            pass
        print("cliente %s:%d desconectado" % addr, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="0.0.0.0:5555")
    ap.add_argument("--dir", default="server_files")
    args = ap.parse_args()
    host, port = args.bind.rsplit(":", 1)
    os.makedirs(args.dir, exist_ok=True)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, int(port)))
    listener.listen(128)
    print("listening on %s:%d" % listener.getsockname(), flush=True)

    def accept_loop():
        while True:
            try:
                sock, addr = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(sock, addr, args.dir), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line == "quit":
            break
        if line:
            broadcast(frame("CHAT", ("[SERVER]: " + line).encode()))
    else:
        # console closed: serve until killed
        threading.Event().wait()
    with clients_lock:
        for sock, _, _ in clients:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
    listener.close()


if __name__ == "__main__":
    main()
