# The web page of `warren demo`'s peer: served inside the demo's network namespace on the peer's tunnel address,
# so it can only be reached through the WireGuard tunnel. The time is the time of each request, so a page seen
# in the browser is known to have come through the tunnel just now, not from a cache.
import http.server
import sys
import time

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Warren demo peer</title></head>
<body style="font-family: sans-serif; margin: 3em">
<h1>Hello from the Warren demo peer</h1>
<p>It is {now} here. This page came to you through the WireGuard tunnel <b>demo</b>,
from {address} inside the network namespace {netns}.</p>
<p>Stop the demo with <code>sudo warren demo --stop</code>.</p>
</body></html>
"""


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAGE.format(now=time.strftime("%Y-%m-%d %H:%M:%S %Z"), address=sys.argv[1],
                           netns=sys.argv[3]).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.client_address[0], fmt % args))


server = http.server.HTTPServer((sys.argv[1], int(sys.argv[2])), Handler)
print("serving on %s:%s" % (sys.argv[1], sys.argv[2]), flush=True)
server.serve_forever()
