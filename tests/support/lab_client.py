#!/usr/bin/env python3
"""The original lab's chat client (shared/seed, client.py) without its window: the same socket calls, the same
bytes, the same reads. Driven by a test through a command file; what the window would show goes to stdout.

It connects, does ONE recv(2048) for the history (shown followed by the separator unless it is NO_MESSAGE),
then a reader thread loops recv(2048) and decode()s each read alone, as the lab's myThread did (a read that
ends inside a character kills it, as it killed the lab's). send() builds the lab's sentence:
'[%Y-%m-%d %H:%M:%S] ' + ip + ' - ' + name + '\\n ' + text, after the lab's two checks of the entry fields.

Usage: lab_client.py HOST PORT COMMAND_FILE
Commands, one JSON object a line, appended to COMMAND_FILE by the test:
  {"name": N, "text": T}                 send() as the lab did (its own time and gethostbyname address)
  {"name": N, "text": T, "ip": I, "time": S}   the same with a forged address and stamp
  {"raw": HEX}                           send these bytes as they are (what a hostile client could)
  {"quit": true}                         close the socket and exit
Output, one line each, text as JSON (ensure_ascii off, so Chinese reads as Chinese):
  CONNECTED | HISTORY <json of what the window shows> | READ <json of msg.decode() + '\\n'>
  LOCAL <json of a prompt the window shows itself> | CRASH <repr of the bytes that could not be decoded> | EOF
"""
import json
import sys
import threading
import time
from socket import AF_INET, SOCK_STREAM, gethostbyname, gethostname, socket

out_lock = threading.Lock()


def show(kind, payload=None):
    with out_lock:
        if payload is None:
            print(kind, flush=True)
        else:
            print(kind, json.dumps(payload, ensure_ascii=False), flush=True)


def timemark():
    # As the lab's client: int(time.time()) in local time.
    timestamp = int(time.time())
    return '[' + time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(timestamp)) + ']'


def get_ip_address():
    return gethostbyname(gethostname())


def reader(client_socket):
    # The lab's myThread.run, minus the window: each read decoded alone, '\n' appended.
    while True:
        msg = client_socket.recv(2048)
        if not msg:
            show("EOF")  # the lab's client would spin on empty reads here; the test is told instead
            return
        try:
            show("READ", msg.decode() + '\n')
        except UnicodeDecodeError:
            show("CRASH " + repr(msg))
            return


def send(client_socket, name, text, ip=None, stamp=None):
    # The lab's send(): its two prompts, then one send() of the whole sentence.
    if name.replace(' ', '') == '':
        show("LOCAL", '请输入用户名! \n')
        return
    if text == '':
        show("LOCAL", '发送内容不能为空! \n')
        return
    mark = stamp if stamp is not None else timemark()
    address = ip if ip is not None else get_ip_address()
    client_socket.send((mark + ' ' + address + ' - ' + name + '\n ' + text).encode())


def commands(path):
    # Follows the command file as the test appends to it.
    done = 0
    while True:
        try:
            with open(path, 'rb') as f:
                f.seek(done)
                data = f.read()
        except FileNotFoundError:
            data = b''
        end = data.rfind(b'\n')
        if end < 0:
            time.sleep(0.02)
            continue
        done += end + 1
        for line in data[:end].split(b'\n'):
            if line.strip():
                yield json.loads(line.decode())


def main():
    host, port, command_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    client_socket = socket(AF_INET, SOCK_STREAM)
    client_socket.connect((host, port))
    show("CONNECTED")
    msg = client_socket.recv(2048)  # first the history
    if msg.decode() != 'NO_MESSAGE':
        show("HISTORY", msg.decode() + '\n----以上是历史记录----\n')
    else:
        show("HISTORY", '')
    threading.Thread(target=reader, args=(client_socket,), daemon=True).start()
    for command in commands(command_file):
        if command.get("quit"):
            client_socket.close()
            return
        if "raw" in command:
            client_socket.send(bytes.fromhex(command["raw"]))
        else:
            send(client_socket, command["name"], command["text"], command.get("ip"), command.get("time"))


if __name__ == "__main__":
    main()
