"""A real SMTP server on loopback for the mail tests: aiosmtpd (PyPI) keeps every message it accepts
as one JSON file in --dir, with its envelope, raw bytes and what Python's email parser decodes from
it, and whether the session used TLS and AUTH.

    smtp-sink.py --dir D --port-file F [--login user:password] [--tls cert.pem key.pem] [--refuse N]

--tls offers STARTTLS and refuses mail before it; --login requires AUTH (PLAIN/LOGIN); --refuse makes
the first N messages answer 451 (a relay that is down for a while). The port is written to F once the
server listens; SIGTERM stops it."""
import argparse, email, email.policy, json, os, signal, socket, ssl, threading, warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

warnings.simplefilter("ignore")

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--port-file", required=True)
parser.add_argument("--login")
parser.add_argument("--tls", nargs=2)
parser.add_argument("--refuse", type=int, default=0)
args = parser.parse_args()


class Sink:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        if number <= args.refuse:
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "raw": envelope.original_content.decode("ascii", errors="replace"),
            "subject": str(message["subject"]),
            "headers": {name: str(value) for name, value in message.items()},
            "contentType": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content(),
            "tls": bool(session.ssl),
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        }
        path = os.path.join(args.dir, "%04d.json" % number)
        with open(path + ".part", "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        os.replace(path + ".part", path)
        return "250 2.0.0 accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and args.login:
        user, password = args.login.split(":", 1)
        if auth_data.login.decode() == user and auth_data.password.decode() == password:
            return AuthResult(success=True, auth_data=auth_data)
    return AuthResult(success=False, handled=False)


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
options = {}
if args.tls:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.tls[0], args.tls[1])
    options.update(tls_context=context, require_starttls=True)
if args.login:
    options.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.tls))
controller = Controller(Sink(), hostname="127.0.0.1", port=port, **options)
controller.start()
with open(args.port_file + ".part", "w") as out:
    out.write(str(port))
os.replace(args.port_file + ".part", args.port_file)
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
# The Swift test process starts this from a thread that blocks most signals, and a child inherits
# that mask: without unblocking, SIGTERM stays pending forever and the test waiting for the exit hangs.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
while not stop.wait(0.2):
    pass
controller.stop()
