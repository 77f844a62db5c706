#!/usr/bin/env python3
"""Joins an imchat server as a guest, says one message and waits for the server's echo of it: the smallest
client net/PROTOCOL.md allows (TLS 1.3, Hello version 2, Say), for shell scripts. Retries the connection until
the server listens. It checks no key: it only says a line in a test room (the window under test pins it).
Usage: say.py HOST PORT NAME TEXT [--wait SECONDS]"""
import argparse
import socket
import ssl
import struct
import sys
import time


def frame(kind, body):
    return struct.pack(">I", len(body) + 1) + bytes([kind]) + body


def string(text):
    data = text.encode()
    return struct.pack(">H", len(data)) + data


def connect(host, port, wait):
    deadline = time.monotonic() + wait
    while True:
        try:
            return socket.create_connection((host, port), timeout=5)
        except OSError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("name")
    parser.add_argument("text")
    parser.add_argument("--wait", type=float, default=10.0, help="seconds to wait for the server (default 10)")
    args = parser.parse_args()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    c = context.wrap_socket(connect(args.host, args.port, args.wait))
    # Hello: version 2, the name, lastSeq 0, lastPrivateSeq 0, no resume token, auth None, no secret, no
    # remember; then Say with clientId 1.
    hello = struct.pack(">H", 2) + string(args.name) + bytes(8 + 8 + 16) + bytes([0]) + string("") + bytes([0])
    c.sendall(frame(0x01, hello))
    c.sendall(frame(0x02, struct.pack(">Q", 1) + string(args.text)))
    c.settimeout(10)
    data = b""
    while args.text.encode() not in data:
        chunk = c.recv(65536)
        if not chunk:
            sys.exit("say.py: the server closed the connection before echoing the message")
        data += chunk
    c.close()


if __name__ == "__main__":
    main()
