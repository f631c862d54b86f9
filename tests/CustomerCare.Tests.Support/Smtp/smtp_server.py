"""A real SMTP server for the mail tests (aiosmtpd, Debian's python3-aiosmtpd), on 127.0.0.1 only.

Every accepted message becomes two files in the folder: NNNNNN.eml (the raw data) and then NNNNNN.envelope
(MAIL FROM on the first line, one RCPT TO per following line); readers wait for the .envelope, so they never see a
half-written mail. Addresses listed in <folder>/refuse.txt (one per line) get 550 at RCPT TO: a bounce.
Prints "READY <port>" once it accepts connections; runs until killed.
"""
import argparse
import itertools
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()
        existing = [int(n.split(".")[0]) for n in os.listdir(folder) if n.endswith(".envelope")]
        # After a restart the numbering goes on, so no earlier mail is overwritten.
        self.counter = itertools.count(max(existing, default=0) + 1)

    def refused(self):
        path = os.path.join(self.folder, "refuse.txt")
        if not os.path.exists(path):
            return set()
        with open(path, encoding="utf-8") as f:
            return {line.strip().lower() for line in f if line.strip()}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused():
            return "550 5.1.1 <%s>: mailbox unavailable (refused by the test server)" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            number = next(self.counter)
        base = os.path.join(self.folder, "%06d" % number)
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(data)
        os.replace(base + ".eml.tmp", base + ".eml")
        with open(base + ".envelope.tmp", "w", encoding="utf-8") as f:
            f.write("\n".join([envelope.mail_from or ""] + list(envelope.rcpt_tos)) + "\n")
        os.replace(base + ".envelope.tmp", base + ".envelope")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    controller = Controller(Recorder(args.folder), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("READY %d" % args.port, flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
