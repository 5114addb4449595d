"""A classic course-project server, written after its behaviour: it reads
the handshake `MODO:<mode>;TAMANHO:<n>` with one recv(1024), answers
`Handshake OK - ...`, then answers each message with one confirmation
until `sair`. With errors, instead of drawing faults at random it follows
SCRIPT, one word per answer: ok, lose (no answer), corrupt
(ERRO_CORROMPIDO), late (the answer after DELAY seconds); after the script,
ok. `vanish` closes the connection at once. Prints its port, then one line
per message received.

A late answer is the one place where timing could make a test flaky: the
client's retry arrives while the server sleeps, and the client's next line
may follow the late answer so fast that one recv() joins the two (that is
real TCP: the classic protocol has no framing). So after the sleep the
server takes the retry out of its buffer first, then sends the late
answer, pauses, and answers the retry: the same story every run.

    python3 rdt_classic_server.py SCRIPT DELAY
"""

import select
import socket
import sys
import time

SCRIPT = [w for w in sys.argv[1].split(",") if w]
DELAY = float(sys.argv[2])

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
print("PORT", server.getsockname()[1], flush=True)
conn, _ = server.accept()
with conn:
    hello = conn.recv(1024).decode()
    fields = dict(f.split(":", 1) for f in hello.split(";") if ":" in f)
    mode = fields.get("MODO", "")
    conn.send(f"Handshake OK - modo: {mode}, tamanho máximo: {fields.get('TAMANHO')}".encode())
    print("HANDSHAKE", hello, flush=True)
    answers = 0
    held = None
    while True:
        data, held = (held, None) if held else (conn.recv(1024), None)
        if not data:
            print("FECHOU", flush=True)
            break
        msg = data.decode()
        if msg.strip().lower() == "sair":
            print("SAIR", flush=True)
            break
        print("RECEBIDO", msg, flush=True)
        what = "ok"
        if mode.lower() == "canal com erros":
            what = SCRIPT[answers] if answers < len(SCRIPT) else "ok"
            answers += 1
        if what == "vanish":
            break
        if what == "lose":
            continue
        if what == "corrupt":
            conn.send(b"ERRO_CORROMPIDO")
            continue
        if what == "late":
            time.sleep(DELAY)
            if select.select([conn], [], [], 0)[0]:
                held = conn.recv(1024)
        conn.send(f"Servidor recebeu com sucesso: {msg}".encode())
        if held:
            time.sleep(0.1)
server.close()
