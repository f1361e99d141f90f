"""A web server on 127.0.0.1 for the redirect tests, in its own process (Python's standard library
only), so that it answers while the test process's threads are busy:

    redirect-receiver.py --dir D --port-file F

/moved answers 307 with Location /target. Every other request is written to D as N.json (method,
path, headers) before it is answered: 204 to a POST, 200 with {} to a GET.
The port is written to F once the server listens.
"""
import argparse
import http.server
import itertools
import json
import os
import threading

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
parser.add_argument("--port-file", required=True)
options = parser.parse_args()
counter = itertools.count(1)
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path == "/moved":
            self.send_response(307)
            self.send_header("Location", "/target")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with lock:
            number = next(counter)
        hit = {"method": method, "path": self.path, "headers": dict(self.headers.items())}
        with open(os.path.join(options.dir, "%06d.json" % number), "w") as file:
            json.dump(hit, file)
        body = b"{}" if method == "GET" else b""
        self.send_response(200 if body else 204)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer("GET")

    def do_POST(self):
        self.answer("POST")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(options.port_file + ".tmp", "w") as file:
    file.write(str(server.server_address[1]))
os.rename(options.port_file + ".tmp", options.port_file)
server.serve_forever()
