#!/usr/bin/env python3
"""Proxies and CONNECT tunnels end to end, through tinyproxy.

A recording peer proves the CONNECT bytes equal what Python's http.client
sends for the same set_tunnel call; tinyproxy carries plain and TLS
tunnels (nginx with a test CA behind it), answers 407 when BasicAuth is
on, and forwards absolute-form requests; the proxy variables follow
curl's rules.
"""
import http.client
import os
import socket
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import certs  # noqa: E402
import netpeers as npx  # noqa: E402

C = npx.Checks()
REPLY = b"HTTP/1.1 407 Nope\r\nProxy-Authenticate: Basic\r\n\r\n"


class Recorder:
    """Records what each connection sends up to the first blank line,
    answers 407 and closes. Bounded: at most 8 connections."""

    def __init__(self, reply=REPLY):
        self.reply = reply
        self.s = socket.socket()
        self.s.bind(("127.0.0.1", 0))
        self.s.listen(4)
        self.port = self.s.getsockname()[1]
        self.got = []
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        for _ in range(8):
            try:
                c, _ = self.s.accept()
            except OSError:
                return
            c.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data and len(data) < 65536:
                    more = c.recv(4096)
                    if not more:
                        break
                    data += more
                c.sendall(self.reply)
            except OSError:
                pass
            c.close()
            self.got.append(data)

    def take(self, n=1, timeout=5.0):
        import time
        deadline = time.monotonic() + timeout
        while len(self.got) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        out, self.got = self.got[:n], self.got[n:]
        return out


def py_connect(port, target, headers):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.set_tunnel(target, headers=headers)  # parsed as "host[:port]"
    try:
        c.request("GET", "/")
        return "ok"
    except OSError as e:
        return "error: OSError: %s" % e
    finally:
        c.close()


def test_connect_differential(d):
    rec = Recorder()
    cases = [("example.test:8443", {"X-A": "1",
                                    "Proxy-Authorization": "Basic dTpw"}),
             ("example.test", {}),
             ("[2001:db8::1]:8080", {"User-Agent": "wb"})]
    for target, hdrs in cases:
        py_err = py_connect(rec.port, target, hdrs)
        py_bytes = rec.take()
        args = " ".join('"%s: %s"' % kv for kv in hdrs.items())
        _, out = npx.run_wb(d, "open http://127.0.0.1:%d\nset_tunnel %s %s\n"
                            "request GET /\nstate\n" % (rec.port, target,
                                                        args), name="diff")
        wb_bytes = rec.take()
        C.ok("CONNECT bytes equal http.client's for %s" % target,
             py_bytes == wb_bytes and py_bytes and
             py_bytes[0].startswith(b"CONNECT "), "%r\n%r" % (py_bytes,
                                                            wb_bytes))
        C.has("non-200 CONNECT error as http.client for %s" % target, out,
              py_err, "state=Idle socket=no")
    rec.s.close()


# CONNECT replies http.client refuses or accepts in its own way.
CONNECT_REPLIES = [
    b"",
    b"garbage\r\n\r\n",
    b"HTTP/1.1 2x0 OK\r\n\r\n",
    b"HTTP/1.1 20",
    b"HTTP/1.1 " + b"a" * 70000 + b"\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000 + b"\r\n\r\n",
    b"HTTP/1.1 503 Caf\xe9 closed \r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX-Proxy: yes\r\nX-Two: 2\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nX-Proxy: yes\r\n",
    b"HTTP/1.1 200 OK\n\n",
]


def py_outcome(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.set_tunnel("example.test:8443")
    try:
        c.request("GET", "/")
        return "ok"
    except Exception as e:  # the outcome under test
        return "%s: %s" % (type(e).__name__, e)
    finally:
        c.close()


def test_malformed_connect_replies(d):
    """Each reply to CONNECT ends as it does in http.client: the same
    exception and text, or a tunnel that carries the request."""
    for reply in CONNECT_REPLIES:
        label = repr(reply[:40])
        rec = Recorder(reply)
        want = py_outcome(rec.port)
        _, out = npx.run_wb(d, "open http://127.0.0.1:%d\nset_debuglevel 1\n"
                            "set_tunnel example.test:8443\nrequest GET /\n"
                            "state\n" % rec.port, name="connect-reply")
        rec.s.close()
        errors = [l[len("error: "):] for l in out.splitlines()
                  if l.startswith("error: ")]
        mine = errors[0] if errors else "ok"
        want = want.replace("\r", "\\r").replace("\n", "\\n")
        C.ok("CONNECT reply %s: as http.client" % label, mine == want,
             "wirebench: %s\npython:    %s\n%s" % (mine[:200], want[:200],
                                                  out[-800:]))
        if mine == "ok":
            C.has("CONNECT reply %s: headers in the debug output" % label,
                  out, "header: X-Proxy: yes" if b"X-Proxy" in reply
                  else "state=Request-sent")


def test_plain_tunnel(d, proxy, serve):
    _, out = npx.run_wb(d, """open http://127.0.0.1:%d
set_tunnel 127.0.0.1:%d
request GET /
getresponse
read
request GET /
getresponse
""" % (proxy.port, serve.port), name="plaintunnel")
    C.has("plain tunnel through tinyproxy", out,
          ">> CONNECT 127.0.0.1:%d HTTP/1.0\\r\\n" % serve.port,
          "<< HTTP/1.0 200 Connection established",
          "tunnel to 127.0.0.1:%d open" % serve.port)
    C.ok("two requests in one tunnel", out.count("= 200 OK") == 2 and
         out.count("CONNECT 127.0.0.1") == 1, out)


def test_tls_tunnel(d, proxy, ng, pki):
    _, out = npx.run_wb(d, """open https://127.0.0.1:%d --cafile %s
set_tunnel localhost:%d
request GET /
getresponse
read
tls
""" % (proxy.port, pki["ca"], ng.port), name="tlstunnel")
    C.has("TLS through the tunnel, name = tunnel host", out,
          "CONNECT localhost:%d HTTP/1.0" % ng.port,
          "** TLS with localhost: ", "(SNI localhost)",
          '"hello over tls\\n"')
    C.has("Host names the tunnel target", out,
          ">> Host: localhost:%d\\r\\n" % ng.port)


def test_407(d, auth_proxy, serve):
    _, out = npx.run_wb(d, """open http://127.0.0.1:%d
set_tunnel 127.0.0.1:%d
request GET /
state
set_tunnel 127.0.0.1:%d "Proxy-Authorization: Basic d2I6c2VjcmV0"
request GET /
getresponse
""" % (auth_proxy.port, serve.port, serve.port), name="auth")
    C.has("407 named with the proxy's status line", out,
          "error: OSError: Tunnel connection failed: 407 Proxy "
          "Authentication Required", "state=Idle socket=no")
    C.has("the CONNECT exchange is in the transcript", out,
          "<< HTTP/1.0 407 Proxy Authentication Required")
    C.has("with credentials the tunnel opens", out, "= 200 OK")


def test_env(d, proxy, auth_proxy, serve, ng, pki):
    p = "http://127.0.0.1:%d" % proxy.port
    _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                        "request GET /\ngetresponse\n" % (ng.port, pki["ca"]),
                        env={"https_proxy": p}, name="envs")
    C.has("https_proxy: automatic tunnel", out, "(from https_proxy)",
          "CONNECT localhost:%d HTTP/1.0" % ng.port, "= 200 OK")
    _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                        "request GET /\ngetresponse\n" % (ng.port, pki["ca"]),
                        env={"HTTPS_PROXY": "http://wb:secret@127.0.0.1:%d" %
                             auth_proxy.port}, name="envauth")
    C.has("HTTPS_PROXY with credentials", out,
          "Proxy-Authorization: Basic d2I6c2VjcmV0", "= 200 OK")
    _, out = npx.run_wb(d, "open http://127.0.0.1:%d\nrequest GET /echo\n"
                        "getresponse\nread\n" % serve.port,
                        env={"http_proxy": p}, name="envh")
    C.has("http_proxy: absolute form", out, "(from http_proxy)",
          ">> GET http://127.0.0.1:%d/echo HTTP/1.1" % serve.port,
          "= 200 OK")
    _, out = npx.run_wb(d, "open http://127.0.0.1:%d\nrequest GET /\n"
                        "getresponse\n" % serve.port,
                        env={"http_proxy": p, "no_proxy": "localhost,127.0.0.0/8"},
                        name="noproxy")
    C.has("no_proxy CIDR exempts", out, "no_proxy exempts 127.0.0.1",
          ">> GET / HTTP/1.1", "= 200 OK")
    _, out = npx.run_wb(d, "open http://127.0.0.1:%d\nrequest GET /\n"
                        "getresponse\n" % serve.port,
                        env={"HTTP_PROXY": "http://127.0.0.1:1"}, name="httpoxy")
    C.has("HTTP_PROXY (upper case) is ignored, as curl", out, "= 200 OK")
    _, out = npx.run_wb(d, "open http://127.0.0.1:%d --no-proxy\n"
                        "request GET /\ngetresponse\n" % serve.port,
                        env={"http_proxy": "http://127.0.0.1:1"}, name="nop")
    C.has("--no-proxy overrides the environment", out, "= 200 OK")
    _, out = npx.run_wb(d, "open http://127.0.0.1:%d --proxy %s\n"
                        "request GET /\ngetresponse\n" % (serve.port, p),
                        name="optproxy")
    C.has("--proxy", out, "(from --proxy)", ">> GET http://127.0.0.1:%d/ "
          "HTTP/1.1" % serve.port, "= 200 OK")
    _, out = npx.run_wb(d, "open http://h --proxy socks5://127.0.0.1:1\n",
                        name="socks")
    C.has("unsupported proxy scheme", out, "error: UsageError: proxy "
          "'socks5://127.0.0.1:1': only http:// proxies are supported")


def main():
    d = npx.tempdir()
    pki = certs.make_pki(d)
    test_connect_differential(d)
    test_malformed_connect_replies(d)
    peers = []
    try:
        ng = npx.nginx(d, pki)
        peers.append(ng)
        serve = npx.demo_server(d)
        peers.append(serve)
        proxy = npx.tinyproxy(d, "open")
        peers.append(proxy)
        auth_proxy = npx.tinyproxy(d, "auth", auth=("wb", "secret"))
        peers.append(auth_proxy)
        test_plain_tunnel(d, proxy, serve)
        test_tls_tunnel(d, proxy, ng, pki)
        test_407(d, auth_proxy, serve)
        test_env(d, proxy, auth_proxy, serve, ng, pki)
    finally:
        for p in peers:
            p.stop()
        npx.cleanup(d)
    C.finish()


if __name__ == "__main__":
    main()
