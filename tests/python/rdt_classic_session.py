"""A classic course-project client, written after its behaviour: the
handshake with no newline, then each message with one send() and one
recv(1024). Without errors it waits for each confirmation; with errors it
waits TIMEOUT seconds per try (2 in the classic program) and tries 3 times.
`sair` ends the session. Prints one line per event, for the tests to read.

    python3 rdt_classic_session.py HOST PORT sem-erros|com-erros TIMEOUT MSG...
"""

import socket
import sys

HOST, PORT, KIND, TIMEOUT = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
MESSAGES = sys.argv[5:]
MODE = "Canal sem erros" if KIND == "sem-erros" else "Canal com erros"

with socket.create_connection((HOST, PORT), timeout=10) as s:
    s.send(f"MODO:{MODE};TAMANHO:50".encode())
    reply = s.recv(1024).decode()
    print("HANDSHAKE", reply)
    if not reply.startswith("Handshake OK"):
        sys.exit(2)
    for msg in MESSAGES:
        if KIND == "sem-erros":
            s.send(msg.encode())
            print("OK", s.recv(1024).decode())
            continue
        s.settimeout(TIMEOUT)
        for attempt in range(1, 4):
            s.send(msg.encode())
            try:
                answer = s.recv(1024).decode()
            except socket.timeout:
                print("TIMEOUT", attempt)
                continue
            if answer == "ERRO_CORROMPIDO":
                print("CORROMPIDO", attempt)
                continue
            print("OK", answer)
            break
        else:
            print("FALHA", msg)
    s.send(b"sair")
    print("SAIR")
