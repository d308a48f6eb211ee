"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, each accepted message saved as a file.

    python3 smtp_sink.py FOLDER [PORT]

Prints "ready PORT" once listening and runs until stdin closes (or it is terminated). Every
accepted message is written to FOLDER/NNNN.eml, exactly the bytes received. While the file
FOLDER/refuse exists and holds an SMTP reply such as "451 4.3.0 try later" or
"550 5.1.1 no such user", every RCPT TO is answered with it instead of 250.
"""
import os
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refuse = os.path.join(self.folder, "refuse")
        if os.path.exists(refuse):
            with open(refuse) as f:
                return f.read().strip()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, f"{self.count:04d}.eml")
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        with open(name + ".envelope", "w") as f:
            f.write(f"MAIL FROM: {envelope.mail_from}\n")
            for rcpt in envelope.rcpt_tos:
                f.write(f"RCPT TO: {rcpt}\n")
        return "250 Message accepted"


def free_port():
    # aiosmtpd's controller checks it is up by connecting to its port, so it cannot take port 0.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else free_port()
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"ready {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
