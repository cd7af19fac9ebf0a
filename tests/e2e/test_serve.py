#!/usr/bin/env python3
"""End-to-end tests of the demo server, `wirebench --serve 0`.

Starts the real binary ($WB, default build/wirebench), talks to it with
http.client and raw sockets on 127.0.0.1 only, and stops it. Every wait has a
timeout and every loop a bound. The last line printed is "N passed, N failed".
"""
import http.client
import os
import re
import resource
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WB = os.environ.get("WB") or os.path.join(ROOT, "build", "wirebench")
HOST = "127.0.0.1"
TIMEOUT = 10.0
ABC = b"abcdefghijklmnopqrstuvwxyz"


def pattern(off, n):
    """The server's body pattern: byte i of a body is 'a' + i % 26."""
    reps = (off % 26 + n) // 26 + 1
    s = (ABC * reps)[off % 26:off % 26 + n]
    return s


class Server:
    """One running `wirebench --serve 0`, its port and its stderr."""

    def __init__(self, env=None, preexec=None):
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([WB, "--serve", "0"], stdout=subprocess.PIPE,
                                     stderr=self.err, stdin=subprocess.DEVNULL,
                                     env=dict(os.environ, **(env or {})),
                                     preexec_fn=preexec)
        line = b""
        deadline = time.monotonic() + TIMEOUT
        while not line.endswith(b"\n") and time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                b = os.read(self.proc.stdout.fileno(), 1)
                if not b:
                    break
                line += b
        self.banner = line.decode("ascii", "replace")
        m = re.fullmatch(r"wirebench demo server listening on http://127\.0\.0\.1:(\d+)/\n",
                         self.banner)
        if not m:
            self.stop()
            raise RuntimeError("no banner from %s: %r; stderr: %r" % (WB, line, self.stderr()))
        self.port = int(m.group(1))

    def stderr(self):
        self.err.seek(0)
        return self.err.read().decode("utf-8", "replace")

    def children(self):
        return children_of(self.proc.pid)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
            return None


def children_of(pid):
    """Pids whose parent is pid, from /proc (bounded by the process count)."""
    kids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            kids.append(int(name))
    return kids


def proc_status(pid, key):
    """A /proc/PID/status value (kB for memory keys), or None when gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return line.split()[1]
    except OSError:
        return None
    return None


def wait_until(pred, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.02)
    return pred()


class Raw:
    """A raw client connection with a small HTTP/1.1 response reader."""

    def __init__(self, port, timeout=TIMEOUT):
        self.s = socket.create_connection((HOST, port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def close(self):
        self.s.close()

    def send(self, data):
        self.s.sendall(data)

    def fill(self):
        b = self.s.recv(1 << 20)
        if not b:
            raise EOFError("server closed the connection")
        self.buf += b

    def line(self):
        while b"\n" not in self.buf:
            if len(self.buf) > 1 << 20:
                raise AssertionError("response line too long")
            self.fill()
        i = self.buf.index(b"\n") + 1
        ln, self.buf = self.buf[:i], self.buf[i:]
        return ln

    def exact(self, n):
        while len(self.buf) < n:
            self.fill()
        d, self.buf = self.buf[:n], self.buf[n:]
        return d

    def head(self):
        """Returns (status, reason, [(name, value)], raw head bytes)."""
        raw = self.line()
        m = re.fullmatch(rb"HTTP/1\.1 (\d\d\d) (.*)\r\n", raw)
        assert m, "bad status line %r" % raw
        fields = []
        for _ in range(2000):
            ln = self.line()
            raw += ln
            if ln == b"\r\n":
                break
            name, _, value = ln.decode("latin-1").partition(":")
            fields.append((name, value.strip()))
        return int(m.group(1)), m.group(2).decode("latin-1"), fields, raw

    def response(self, head_request=False):
        """Reads a final response, skipping 1xx. Returns a Resp."""
        interim = []
        for _ in range(10):
            st, reason, fields, raw = self.head()
            if st >= 200:
                break
            interim.append(st)
        r = Resp(st, reason, fields, raw, interim)
        if head_request or st in (204, 304):
            return r
        if r.get("transfer-encoding") == "chunked":
            r.body, r.raw_body, r.trailers = self.chunked()
        elif r.get("content-length") is not None:
            r.body = self.exact(int(r.get("content-length")))
        else:
            r.body = self.until_eof()
        return r

    def chunked(self):
        body, raw = b"", b""
        for _ in range(1 << 20):
            ln = self.line()
            raw += ln
            size = int(ln.split(b";")[0], 16)
            if size == 0:
                break
            data = self.exact(size + 2)
            assert data.endswith(b"\r\n"), "chunk without CRLF"
            raw += data
            body += data[:-2]
        trailers = []
        for _ in range(1000):
            ln = self.line()
            raw += ln
            if ln == b"\r\n":
                break
            trailers.append(ln)
        return body, raw, trailers

    def until_eof(self, limit=64 << 20):
        for _ in range(100000):
            try:
                self.fill()
            except EOFError:
                break
            assert len(self.buf) <= limit
        d, self.buf = self.buf, b""
        return d

    def at_eof(self, timeout=3.0):
        """True when the server closed the connection (nothing more sent)."""
        if self.buf:
            return False
        self.s.settimeout(timeout)
        try:
            return self.s.recv(1) == b""
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False


class Resp:
    def __init__(self, status, reason, fields, raw, interim):
        self.status, self.reason, self.fields = status, reason, fields
        self.raw_head, self.interim = raw, interim
        self.body, self.raw_body, self.trailers = b"", b"", []

    def get(self, name):
        for k, v in self.fields:
            if k.lower() == name.lower():
                return v
        return None


def req(method, path, fields=(), body=b"", version="HTTP/1.1"):
    lines = ["%s %s %s" % (method, path, version), "Host: %s" % HOST]
    lines += ["%s: %s" % kv for kv in fields]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# ---------------------------------------------------------------- the tests

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def eq(a, b, what=""):
    assert a == b, "%s: expected %r, got %r" % (what, b, a) if what else \
        "expected %r, got %r" % (b, a)


@test
def banner_and_index(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("GET", "/")
    r = c.getresponse()
    body = r.read()
    eq(r.status, 200)
    eq(r.getheader("Server"), "wirebench-demo")
    assert r.getheader("Content-Type").startswith("text/plain")
    eq(r.getheader("Date"), None, "Date header")
    eq(int(r.getheader("Content-Length")), len(body))
    for ep in (b"/echo", b"/chunked", b"/status/", b"/close", b"/slow",
               b"/headers/", b"/bytes/"):
        assert ep in body, "index lacks %r" % ep
    c.close()


@test
def keep_alive_reuses_one_connection(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.connect()
    sock = c.sock
    local = sock.getsockname()
    for i in range(50):
        c.request("POST", "/echo", body=b"x" * i)
        r = c.getresponse()
        body = r.read()
        eq(r.status, 200)
        assert body.endswith(b"\r\n\r\n" + b"x" * i), body[-60:]
        assert c.sock is sock and sock.getsockname() == local, "reconnected"
    c.close()


@test
def raw_keep_alive_sequence(srv):
    raw = Raw(srv.port)
    for i in range(20):
        raw.send(req("GET", "/bytes/%d" % i))
        r = raw.response()
        eq(r.status, 200)
        eq(r.body, pattern(0, i))
    raw.close()


@test
def echo_content_length_exact(srv):
    body = bytes(range(256)) * 4
    data = req("PUT", "/echo?q=1", [("X-Odd", "a\tb  "), ("Content-Length", len(body))], body)
    raw = Raw(srv.port)
    raw.send(data)
    r = raw.response()
    eq(r.status, 200)
    assert r.get("Content-Type").startswith("text/plain")
    eq(r.body, data, "echo")
    raw.close()


CHUNKED_UPLOAD = (b"POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n"
                  b"5;name=value;flag\r\nhello\r\n"
                  b"1A\r\n" + ABC + b"\r\n"
                  b"0\r\nX-Trailer: yes\r\nX-Other: 2\r\n\r\n")


@test
def echo_chunked_upload_byte_exact(srv):
    raw = Raw(srv.port)
    raw.send(CHUNKED_UPLOAD)
    r = raw.response()
    eq(r.status, 200)
    eq(r.body, CHUNKED_UPLOAD)
    raw.send(req("GET", "/status/201"))
    eq(raw.response().status, 201, "request after a chunked body")
    raw.close()


@test
def echo_chunked_from_http_client(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("POST", "/echo", body=iter([b"one", b"two!", b"three"]),
              encode_chunked=True)
    r = c.getresponse()
    body = r.read()
    eq(r.status, 200)
    assert b"Transfer-Encoding: chunked\r\n" in body
    assert body.endswith(b"\r\n\r\n3\r\none\r\n4\r\ntwo!\r\n5\r\nthree\r\n0\r\n\r\n"), body
    c.close()


@test
def split_writes_at_every_offset(srv):
    raw = Raw(srv.port)
    data = CHUNKED_UPLOAD
    for k in range(1, len(data)):
        raw.send(data[:k])
        time.sleep(0.001)
        raw.send(data[k:])
        r = raw.response()
        eq(r.status, 200, "split at %d" % k)
        eq(r.body, data, "split at %d" % k)
    raw.close()


@test
def byte_at_a_time(srv):
    raw = Raw(srv.port)
    data = req("POST", "/echo", [("Content-Length", "3")], b"abc")
    for i in range(len(data)):
        raw.send(data[i:i + 1])
    r = raw.response()
    eq(r.body, data)
    raw.close()


@test
def pipelined_requests(srv):
    raw = Raw(srv.port)
    echo = req("POST", "/echo", [("Content-Length", "4")], b"ping")
    raw.send(req("GET", "/bytes/5") + echo + CHUNKED_UPLOAD +
             req("GET", "/nowhere") + req("HEAD", "/bytes/7") + req("GET", "/status/202"))
    eq(raw.response().body, b"abcde")
    eq(raw.response().body, echo)
    eq(raw.response().body, CHUNKED_UPLOAD)
    eq(raw.response().status, 404)
    r = raw.response(head_request=True)
    eq(r.get("Content-Length"), "7")
    eq(raw.response().status, 202)
    raw.close()


@test
def leading_blank_lines_ignored(srv):
    raw = Raw(srv.port)
    raw.send(b"\r\n\r\n" + req("GET", "/status/200"))
    eq(raw.response().status, 200)
    raw.close()


@test
def head_requests(srv):
    raw = Raw(srv.port)
    for path, framing in (("/bytes/100", "content-length"), ("/", "content-length"),
                          ("/chunked?n=4", "transfer-encoding"),
                          ("/bytes/100?chunked=1", "transfer-encoding"),
                          ("/slow?n=50&delay=1000", "transfer-encoding"),
                          ("/chunked?n=2&trailer=1", "transfer-encoding"),
                          ("/bytes/70000?chunked=1", "transfer-encoding"),
                          ("/echo", "content-length")):
        raw.send(req("HEAD", path))
        r = raw.response(head_request=True)
        eq(r.status, 200, path)
        assert r.get(framing) is not None, "%s lacks %s" % (path, framing)
    eq(int(r.get("Content-Length")), len(req("HEAD", "/echo")), "HEAD /echo length")
    raw.send(req("GET", "/bytes/3"))
    eq(raw.response().body, b"abc", "no body was sent for HEAD")
    raw.close()
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("HEAD", "/bytes/1000000")
    r = c.getresponse()
    eq(r.read(), b"")
    eq(r.getheader("Content-Length"), "1000000")
    c.close()


@test
def expect_100_continue(srv):
    raw = Raw(srv.port)
    head = req("POST", "/echo", [("Content-Length", "5"), ("Expect", "100-continue")])
    raw.send(head)
    eq(raw.line(), b"HTTP/1.1 100 Continue\r\n")
    eq(raw.line(), b"\r\n")
    raw.send(b"hello")
    r = raw.response()
    eq(r.status, 200)
    eq(r.body, head + b"hello")
    head = req("PUT", "/status/201", [("Transfer-Encoding", "chunked"),
                                      ("Expect", "100-Continue")])
    raw.send(head)
    eq(raw.line(), b"HTTP/1.1 100 Continue\r\n")
    eq(raw.line(), b"\r\n")
    raw.send(b"3\r\nabc\r\n0\r\n\r\n")
    eq(raw.response().status, 201)
    raw.close()


@test
def expect_continue_too_large_gets_413(srv):
    raw = Raw(srv.port)
    raw.send(req("POST", "/echo", [("Content-Length", str(2 << 20)), ("Expect", "100-continue")]))
    st, _, fields, _ = raw.head()
    eq(st, 413)
    raw.close()


@test
def echo_limit_413(srv):
    raw = Raw(srv.port)
    raw.send(req("POST", "/echo", [("Content-Length", str((1 << 20) + 1))]))
    r = raw.response()
    eq(r.status, 413)
    eq(r.get("Connection"), "close")
    raw.close()
    raw = Raw(srv.port)
    raw.send(req("POST", "/echo", [("Transfer-Encoding", "chunked")]))
    chunk = b"10000\r\n" + b"z" * 0x10000 + b"\r\n"
    status = None
    try:
        for _ in range(40):  # 2.5 MiB, well past the 1 MiB cap
            raw.send(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        status = raw.response().status
    except (ConnectionResetError, EOFError):
        pass
    eq(status, 413)
    raw.close()
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("POST", "/echo", body=b"q" * (1 << 20))
    r = c.getresponse()
    eq(r.status, 200, "exactly 1 MiB is accepted")
    assert r.read().endswith(b"q" * 100)
    c.close()


@test
def large_body_discarded_in_bounded_memory(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("POST", "/status/204", body=b"u" * (16 << 20))
    r = c.getresponse()
    eq(r.status, 204)
    eq(r.read(), b"")
    c.request("GET", "/bytes/2")
    eq(c.getresponse().read(), b"ab")
    c.close()


BAD_REQUESTS = [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET /\r\n\r\n", 400),
    (b"GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    (b"GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
    (b"GET / http/1.1\r\nHost: a\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: a\r\nX-A : 1\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n 2\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\n folded\r\nHost: a\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\rX-B: 2\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nHost: a\r\nX-A: a\x01b\r\n\r\n", 400),
    (b"GET /\xe9 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    (b"GET nopath HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5x\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
     b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
     b"ffffffffffffffffff\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad trailer\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
     b"1;" + b"e" * 5000 + b"\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" +
     b"X-T: " + b"t" * 70000 + b"\r\n\r\n", 400),
    (b"G@T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    (b"\rGET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    (b"GET / HTTP/1.1\rX\r\nHost: a\r\n\r\n", 400),
    (b"GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
    (b"GET / HTTP/1.1\r\nHost: a\r\nExpect: something\r\n\r\n", 417),
    (b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
]


@test
def malformed_requests_get_4xx_then_close(srv):
    for data, want in BAD_REQUESTS:
        raw = Raw(srv.port)
        raw.send(data)
        r = raw.response()
        eq(r.status, want, repr(data))
        eq(r.get("Connection"), "close", repr(data))
        assert raw.at_eof(), "still open after %r" % data
        raw.close()


CHUNKED_POST = (b"POST /echo HTTP/1.1\r\nHost: a\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n")
# Chunked bodies the server refuses, and the reason its 400 gives.
BAD_CHUNKS = [
    (b"zz\r\n", "chunk size is not hexadecimal"),
    (b"3 x\r\n", "blanks after a chunk size"),
    (b"3\rx", "CR without LF after a chunk size"),
    (b"3x\r\nabc\r\n0\r\n\r\n", "malformed chunk-size line"),
    (b"3;a\x01b\r\nabc\r\n0\r\n\r\n", "control character in a chunk extension"),
    (b"3\r\nabcX\r\n", "CRLF"),
    (b"0\r\n:v\r\n\r\n", "malformed trailer field"),
    (b"0\r\nX A: 1\r\n\r\n", "malformed trailer field name"),
    (b"0\r\nX-A: a\x01b\r\n\r\n", "control character in a trailer field"),
    (b"0\r\nX-A: a\x7fb\r\n\r\n", "control character in a trailer field"),
    (b"0\r\nX-A: 1\rX\r\n\r\n", "CR without LF in the trailer section"),
    (b"0\r\nX-A: 1\r\n\rX", "CR without LF in the trailer section"),
    (b"0\r\nX-T: " + b"t" * 70000 + b"\r\n\r\n", "trailer section too large"),
]


@test
def bad_chunked_bodies_named(srv):
    """Each framing error in a chunked body (sent whole, then one byte at a
    time) gets a 400 naming it, and the connection closes."""
    for body, why in BAD_CHUNKS:
        for whole in (True, False):
            raw = Raw(srv.port)
            if whole or len(body) > 100:
                raw.send(CHUNKED_POST + body)
            else:
                raw.send(CHUNKED_POST)
                for i in range(len(body)):
                    try:
                        raw.send(body[i:i + 1])
                    except OSError:
                        break  # refused before the end: that is the point
            r = raw.response()
            text = r.body.decode("latin-1")
            eq(r.status, 400, repr(body))
            assert why in text, "%r: %r lacks %r" % (body, text, why)
            assert raw.at_eof(), "still open after %r" % body
            raw.close()
    # well-formed trailers (an empty value, bare LFs) pass: /echo returns
    # the request as it came
    raw = Raw(srv.port)
    sent = CHUNKED_POST + b"2\nok\r\n0\r\nX-A: 1\r\nX-B:\n\n"
    raw.send(sent)
    r = raw.response()
    eq((r.status, r.body), (200, sent))
    raw.close()


MALFORMED = [
    ("status", "BadStatusLine"),
    ("version", "BadStatusLine"),
    ("chunk", "IncompleteRead"),
    ("short", "IncompleteRead"),
    ("empty", "RemoteDisconnected"),
]


@test
def malformed_responses_raise_http_client_errors(srv):
    for kind, want in MALFORMED:
        c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
        c.request("GET", "/malformed/" + kind)
        try:
            c.getresponse().read()
            got = "no error"
        except Exception as e:
            got = type(e).__name__
        eq(got, want, kind)
        c.close()
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("GET", "/malformed/nope")
    eq(c.getresponse().status, 400)
    c.close()


@test
def bare_lf_and_absolute_form_accepted(srv):
    raw = Raw(srv.port)
    raw.send(b"GET http://127.0.0.1/bytes/4 HTTP/1.1\nHost: a\n\n")
    eq(raw.response().body, b"abcd")
    raw.send(b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
    r = raw.response()
    eq(r.status, 200)
    assert "GET" in r.get("Allow")
    raw.close()


@test
def huge_header_431_and_long_line_414(srv):
    raw = Raw(srv.port)
    try:
        raw.send(req("GET", "/", [("X-Big", "b" * 70000)]))
    except (BrokenPipeError, ConnectionResetError):
        pass
    r = raw.response()
    eq(r.status, 431)
    raw.close()
    raw = Raw(srv.port)
    try:
        raw.send(b"GET /" + b"p" * 20000 + b" HTTP/1.1\r\nHost: a\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    eq(raw.response().status, 414)
    raw.close()
    # Heads that are still incomplete when they pass a limit: refused as
    # soon as they do, without waiting for their end.
    for data, status, why in [
            (b"GET /" + b"p" * 9000, 414,
             "request line longer than 8192 bytes"),
            (b"GET / HTTP/1.1\r\nHost: a\r\n" + b"X-F: v\r\n" * 9000, 431,
             "request head longer than 65536 bytes")]:
        raw = Raw(srv.port)
        try:
            raw.send(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        r = raw.response()
        eq(r.status, status)
        assert why in r.body.decode("latin-1"), r.body[:200]
        raw.close()
    # Many fields that together stay under the limit are fine.
    raw = Raw(srv.port)
    raw.send(req("GET", "/status/200", [("X-F%d" % i, "v" * 50) for i in range(900)]))
    eq(raw.response().status, 200)
    raw.close()


@test
def unknown_path_404_keeps_connection(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    for path in ("/nope", "/echo/", "/bytesx", "/status", "/bytes/"):
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        eq(r.status, 404, path)
    c.request("GET", "/bytes/1")
    eq(c.getresponse().read(), b"a")
    c.close()


@test
def chunked_endpoint(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("GET", "/chunked")
    r = c.getresponse()
    eq(r.getheader("Transfer-Encoding"), "chunked")
    eq(r.read(), pattern(0, 30))
    c.request("GET", "/chunked?n=7&size=100")
    eq(c.getresponse().read(), pattern(0, 700))
    c.close()
    raw = Raw(srv.port)
    raw.send(req("GET", "/chunked?n=3&size=4&trailer=1"))
    r = raw.response()
    eq(r.get("Trailer"), "X-Checksum")
    eq(r.raw_body, b"4\r\nabcd\r\n4\r\nefgh\r\n4\r\nijkl\r\n0\r\n"
       b"X-Checksum: crc32=%08x\r\n\r\n" % zlib.crc32(b"abcdefghijkl"))
    raw.send(req("GET", "/chunked?n=0"))
    eq(raw.response().raw_body, b"0\r\n\r\n")
    raw.send(req("GET", "/chunked?n=2&size=70000&trailer=1"))
    r = raw.response()
    eq(r.body, pattern(0, 140000))
    eq(r.trailers, [b"X-Checksum: crc32=%08x\r\n" % zlib.crc32(pattern(0, 140000))])
    raw.send(req("GET", "/chunked?size=0"))
    eq(raw.response().status, 400)
    raw.send(req("GET", "/chunked?n=x"))
    eq(raw.response().status, 400)
    # a longer key that starts like a known one is another key
    raw.send(req("GET", "/chunked?nn=9&n=2&size=3&sizes=x"))
    eq(raw.response().body, pattern(0, 6))
    raw.close()


@test
def bad_parameters_named(srv):
    """Each endpoint's parameters out of range: 400 saying what is
    allowed, and the connection stays usable."""
    raw = Raw(srv.port)
    for path, why in (
            ("/slow?n=1001", "n is 0-1000, delay 0-10000 (milliseconds)"),
            ("/slow?delay=10001", "n is 0-1000, delay 0-10000"),
            ("/slow?n=", "n is 0-1000, delay 0-10000"),
            ("/headers/1001", "N must be 0-1000"),
            ("/headers/x", "N must be 0-1000"),
            ("/bytes/12345678901234", "400 Bad Request: "),
            ("/chunked?trailer=2", "trailer 0 or 1")):
        raw.send(req("GET", path))
        r = raw.response()
        eq(r.status, 400, path)
        assert why in r.body.decode(), (path, r.body)
    raw.send(req("GET", "/bytes/4"))
    eq(raw.response().body, b"abcd")
    raw.close()
    # HTTP/1.0 has no trailers: the body ends at the close, without one
    raw = Raw(srv.port)
    raw.send(req("GET", "/chunked?n=2&size=3&trailer=1", version="HTTP/1.0"))
    r = raw.response()
    eq((r.status, r.body, r.get("Transfer-Encoding")), (200, pattern(0, 6), None))
    raw.close()


STATUSES = {200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information",
            204: "No Content", 205: "Reset Content", 301: "Moved Permanently",
            302: "Found", 304: "Not Modified", 307: "Temporary Redirect",
            400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
            418: "I'm a teapot", 429: "Too Many Requests", 500: "Internal Server Error",
            503: "Service Unavailable", 599: ""}


@test
def status_codes(srv):
    raw = Raw(srv.port)
    for code, reason in STATUSES.items():
        raw.send(req("GET", "/status/%d" % code))
        r = raw.response()
        eq((r.status, r.reason), (code, reason))
        if code in (204, 304):
            eq(r.get("Content-Length"), None, "%d length" % code)
            eq(r.get("Content-Type"), None, "%d type" % code)
        elif code == 205:
            eq(r.body, b"")
        else:
            eq(r.body, ("%d %s\n" % (code, reason)).encode())
    raw.send(req("GET", "/status/301"))
    eq(raw.response().get("Location"), "/")
    raw.send(req("GET", "/status/401"))
    assert raw.response().get("WWW-Authenticate").startswith("Basic ")
    for code, field, value in ((302, "Location", "/"), (303, "Location", "/"),
                               (307, "Location", "/"), (308, "Location", "/"),
                               (405, "Allow", "GET, HEAD"),
                               (407, "Proxy-Authenticate",
                                'Basic realm="wirebench-demo"')):
        raw.send(req("GET", "/status/%d" % code))
        r = raw.response()
        eq((r.status, r.get(field)), (code, value), code)
    for bad in ("99", "600", "1000", "abc", "20"):
        raw.send(req("GET", "/status/" + bad))
        eq(raw.response().status, 400, bad)
    raw.close()
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("GET", "/status/304")
    r = c.getresponse()
    eq((r.status, r.read()), (304, b""))
    c.request("GET", "/status/100")  # http.client skips the interim 100
    r = c.getresponse()
    eq(r.status, 200)
    eq(r.read(), b"final response after an interim 100\n")
    c.close()


@test
def status_interim_responses(srv):
    raw = Raw(srv.port)
    raw.send(req("GET", "/status/103"))
    r = raw.response()
    eq((r.interim, r.status), ([103], 200))
    raw.send(req("GET", "/status/103", version="HTTP/1.0"))
    r = raw.response()
    eq((r.interim, r.status), ([], 200), "no 1xx for HTTP/1.0")
    raw.close()
    raw = Raw(srv.port)
    raw.send(req("GET", "/status/101"))
    st, reason, _, _ = raw.head()
    eq((st, reason), (101, "Switching Protocols"))
    assert raw.at_eof(), "101 must end the connection"
    raw.close()


@test
def close_endpoint_and_connection_close(srv):
    raw = Raw(srv.port)
    raw.send(req("GET", "/close"))
    r = raw.response()
    eq((r.status, r.get("Connection")), (200, "close"))
    assert raw.at_eof()
    raw.close()
    raw = Raw(srv.port)
    raw.send(req("GET", "/bytes/3", [("Connection", "close")]))
    r = raw.response()
    eq((r.body, r.get("Connection")), (b"abc", "close"))
    assert raw.at_eof()
    raw.close()
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("GET", "/close")
    r = c.getresponse()
    r.read()
    assert r.will_close
    c.close()


@test
def http_10(srv):
    raw = Raw(srv.port)
    raw.send(b"GET /bytes/3 HTTP/1.0\r\n\r\n")
    r = raw.response()
    eq((r.body, r.get("Connection")), (b"abc", "close"))
    assert raw.at_eof()
    raw.close()
    raw = Raw(srv.port)
    for _ in range(3):
        raw.send(b"GET /bytes/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        r = raw.response()
        eq((r.body, r.get("Connection")), (b"ab", "keep-alive"))
    raw.send(b"GET /chunked?n=2&size=3 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    r = raw.response()
    eq(r.get("Transfer-Encoding"), None, "no chunked coding for HTTP/1.0")
    eq((r.body, r.get("Connection")), (b"abcdef", "close"))
    raw.close()


@test
def slow_drips_and_can_be_cancelled(srv):
    raw = Raw(srv.port)
    t0 = time.monotonic()
    raw.send(req("GET", "/slow?n=3&delay=150"))
    st, _, _, _ = raw.head()
    t_head = time.monotonic() - t0
    eq(st, 200)
    times, body = [], b""
    for _ in range(3):
        size = int(raw.line(), 16)
        body += raw.exact(size + 2)[:-2]
        times.append(time.monotonic() - t0)
    eq(raw.line(), b"0\r\n")
    eq(raw.line(), b"\r\n")
    eq(body, b"chunk 1 of 3\nchunk 2 of 3\nchunk 3 of 3\n")
    assert times[0] - t_head >= 0.1, "head not sent before the first delay: %.3f %r" % (t_head, times)
    assert times[2] - times[0] >= 0.25, "chunks not spaced: %r" % times
    raw.close()
    before = set(srv.children())
    raw = Raw(srv.port)
    raw.send(req("GET", "/slow?n=100&delay=50"))
    raw.head()
    raw.line()
    kids = set(srv.children()) - before
    eq(len(kids), 1, "one child for the slow connection")
    raw.close()
    assert wait_until(lambda: not (set(srv.children()) & kids), 5), \
        "child kept running after the client left"


@test
def headers_endpoint(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("GET", "/headers/20")
    r = c.getresponse()
    r.read()
    for i in (1, 7, 20):
        eq(r.getheader("X-Header-%d" % i), str(i))
    eq(r.getheader("X-Header-21"), None)
    c.request("GET", "/headers/150")
    try:
        c.getresponse()
        raise AssertionError("http.client accepted 150 extra fields")
    except http.client.HTTPException as e:
        assert "more than 100 headers" in str(e), e
    c.close()
    raw = Raw(srv.port)
    raw.send(req("GET", "/headers/1000"))
    r = raw.response()
    eq(r.get("X-Header-1000"), "1000")
    eq(len([k for k, _ in r.fields if k.startswith("X-Header-")]), 1000)
    raw.send(req("GET", "/headers/1001"))
    eq(raw.response().status, 400)
    raw.close()


@test
def bytes_endpoint(srv):
    raw = Raw(srv.port)
    for n in (0, 1, 26, 27, 65519, 65520, 65521, 200000):
        raw.send(req("GET", "/bytes/%d" % n))
        r = raw.response()
        eq((r.get("Content-Length"), r.body == pattern(0, n)), (str(n), True), str(n))
        raw.send(req("GET", "/bytes/%d?chunked=1" % n))
        r = raw.response()
        eq(r.get("Transfer-Encoding"), "chunked")
        eq(r.body == pattern(0, n), True, "chunked %d" % n)
    raw.send(req("HEAD", "/bytes/1099511627776"))
    eq(raw.response(head_request=True).get("Content-Length"), "1099511627776")
    for bad in ("1099511627777", "-1", "x", "99999999999999", "5?chunked=2"):
        raw.send(req("GET", "/bytes/" + bad))
        eq(raw.response().status, 400, bad)
    raw.close()


def stream_count(port, path, pids, limit_s):
    """Reads a big body to EOF; returns (body bytes, peak VmRSS kB of pids)."""
    raw = Raw(port, timeout=limit_s)
    raw.send(req("GET", path, [("Connection", "close")]))
    st, _, _, _ = raw.head()
    eq(st, 200)
    got, peak = len(raw.buf), 0
    buf = bytearray(1 << 20)
    deadline = time.monotonic() + limit_s
    for n in range(1 << 20):
        if time.monotonic() > deadline:
            break
        k = raw.s.recv_into(buf)
        if not k:
            break
        got += k
        if n % 64 == 0:
            for p in pids():
                peak = max(peak, int(proc_status(p, "VmRSS") or 0))
    raw.close()
    return got, peak


@test
def one_gib_streamed_in_bounded_memory(srv):
    base = int(proc_status(srv.proc.pid, "VmRSS"))

    def pids():
        return [srv.proc.pid] + srv.children()
    got, peak = stream_count(srv.port, "/bytes/1073741824", pids, 40)
    eq(got, 1 << 30, "bytes received")
    assert peak < base + 16 * 1024, "server RSS grew from %d kB to %d kB" % (base, peak)


@test
def concurrent_connections(srv):
    slow = Raw(srv.port)
    slow.send(req("GET", "/slow?n=2&delay=3000"))
    slow.head()
    t0 = time.monotonic()
    errors = []

    def client(i):
        try:
            c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
            for j in range(5):
                c.request("POST", "/echo", body=b"%d-%d" % (i, j))
                body = c.getresponse().read()
                if not body.endswith(b"%d-%d" % (i, j)):
                    errors.append((i, j, body[-20:]))
            c.close()
        except Exception as e:  # reported below with the client number
            errors.append((i, repr(e)))
    threads = [threading.Thread(target=client, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT)
    eq(errors, [])
    assert time.monotonic() - t0 < 2.5, "a slow connection held up the others"
    slow.close()


@test
def blank_lines_before_a_request(srv):
    """Empty lines before a request line are skipped (RFC 9112 2.2), also
    when a CR arrives alone and its LF later."""
    raw = Raw(srv.port)
    raw.send(b"\r\n\n" + req("GET", "/bytes/2"))
    eq(raw.response().body, b"ab")
    raw.send(b"\r")
    time.sleep(0.05)  # the CR alone first: the server must wait for more
    raw.send(b"\n" + req("GET", "/bytes/3"))
    eq(raw.response().body, b"abc")
    raw.close()


@test
def pipelined_burst_of_responses(srv):
    """200 pipelined requests in one send: the answers, more than the
    server buffers before it sends, all arrive, in order."""
    raw = Raw(srv.port)
    raw.send(b"".join(req("GET", "/bytes/%d" % (600 + i))
                      for i in range(200)))
    for i in range(200):
        r = raw.response()
        eq((r.status, r.body), (200, pattern(0, 600 + i)), "response %d" % i)
    raw.close()


@test
def many_keep_alive_gets(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    t0 = time.monotonic()
    for _ in range(3000):
        c.request("GET", "/bytes/16")
        r = c.getresponse()
        if r.read() != b"abcdefghijklmnop":
            raise AssertionError("bad body")
        if time.monotonic() - t0 > 20:
            raise AssertionError("too slow")
    c.close()


@test
def no_zombies(srv):
    before = set(srv.children())
    conns = [Raw(srv.port) for _ in range(10)]
    for r in conns:
        r.send(req("GET", "/bytes/1"))
        r.response()
        r.close()

    def zombies():
        return [p for p in srv.children() if proc_status(p, "State") == "Z"]
    assert wait_until(lambda: not (set(srv.children()) - before), 5), \
        "children left: %r (zombies %r)" % (srv.children(), zombies())
    eq(zombies(), [], "zombies")


def fresh_server_test(fn):
    """A test that needs its own server (it stops or kills it)."""
    fn.fresh = True
    return test(fn)


@fresh_server_test
def sigterm_stops_cleanly(srv):
    raw = Raw(srv.port)
    raw.send(req("GET", "/slow?n=100&delay=100"))
    raw.head()
    kids = srv.children()
    eq(len(kids), 1)
    t0 = time.monotonic()
    eq(srv.stop(signal.SIGTERM), 0, "exit status")
    assert time.monotonic() - t0 < 3, "slow stop"
    assert wait_until(lambda: all(proc_status(k, "State") in (None, "Z") for k in kids), 3)
    raw.close()


@fresh_server_test
def sigint_stops_cleanly(srv):
    c = http.client.HTTPConnection(HOST, srv.port, timeout=TIMEOUT)
    c.request("GET", "/")
    c.getresponse().read()
    eq(srv.stop(signal.SIGINT), 0, "exit status")
    c.close()


@fresh_server_test
def children_die_with_parent(srv):
    raw = Raw(srv.port)
    raw.send(req("GET", "/slow?n=100&delay=100"))
    raw.head()
    kids = srv.children()
    eq(len(kids), 1)
    srv.proc.kill()
    srv.proc.wait(5)
    assert wait_until(lambda: all(proc_status(k, "State") in (None, "Z") for k in kids), 3), \
        "child outlived its parent"
    raw.close()


HEAD_TIMEOUT = 1.0  # WIREBENCH_HEAD_TIMEOUT of the servers below
MAX_CONNECTIONS = 48  # their WIREBENCH_MAX_CONNECTIONS (512 by default)


def head_timeout_test(fn):
    """A test with its own server whose request heads time out quickly."""
    fn.env = {"WIREBENCH_HEAD_TIMEOUT": str(HEAD_TIMEOUT),
              "WIREBENCH_MAX_CONNECTIONS": str(MAX_CONNECTIONS)}
    return fresh_server_test(fn)


def cpu_seconds(pid):
    """User plus system CPU time of a process, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def four_descriptors():
    """stdin, stdout, stderr and the listening socket: accept() fails."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (4, hard))


def accept_fails_test(fn):
    """A test with its own server that has no descriptor left to accept."""
    fn.preexec = four_descriptors
    return fresh_server_test(fn)


@accept_fails_test
def out_of_descriptors_waits_without_spinning(srv):
    """A server with no descriptor left cannot accept: the client waits
    while the server pauses between attempts (it does not spin on the
    readable listener), and is served once descriptors are back."""
    c = socket.create_connection((HOST, srv.port), timeout=TIMEOUT)
    c.sendall(req("GET", "/"))
    c.settimeout(1.0)
    t0 = cpu_seconds(srv.proc.pid)
    try:
        got = c.recv(100)
    except socket.timeout:
        got = None
    used = cpu_seconds(srv.proc.pid) - t0
    eq(got, None, "no answer while accept() fails")
    assert used < 0.2, "the server spun: %.2fs of CPU in 1s" % used
    eq(srv.proc.poll(), None, "the server is still running")
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.prlimit(srv.proc.pid, resource.RLIMIT_NOFILE, (64, hard))
    c.settimeout(TIMEOUT)
    data = b""
    for _ in range(100):
        b = c.recv(4096)
        if not b:
            break
        data += b
        if b"\r\n\r\n" in data and data.startswith(b"HTTP/1.1 200 "):
            break
    c.close()
    assert data.startswith(b"HTTP/1.1 200 "), data[:200]


def read_all(s, limit):
    data, deadline = b"", time.monotonic() + limit
    s.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            more = s.recv(65536)
        except socket.timeout:
            continue
        except OSError:
            break
        if not more:
            break
        data += more
    return data


def probe(port):
    """Status of a fresh GET /, or None when the connection failed."""
    c = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        c.request("GET", "/")
        r = c.getresponse()
        r.read()
        return r.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        c.close()


@head_timeout_test
def slow_head_gets_408(srv):
    """A head dripping one byte at a time ends with 408 at its deadline."""
    s = socket.create_connection((HOST, srv.port), timeout=TIMEOUT)
    t0 = time.monotonic()
    s.sendall(b"GET / HT")
    for _ in range(30):  # keeps the connection busy, never ends the line
        time.sleep(0.1)
        try:
            s.sendall(b"T")
        except OSError:
            break
        if time.monotonic() - t0 > HEAD_TIMEOUT + 1:
            break
    data = read_all(s, 5)
    took = time.monotonic() - t0
    s.close()
    assert data.startswith(b"HTTP/1.1 408 Request Timeout\r\n"), data[:200]
    assert HEAD_TIMEOUT - 0.1 <= took < HEAD_TIMEOUT + 2.5, "408 after %.2fs" % took


def fill_server(port, first, extra=10):
    conns = []
    for _ in range(MAX_CONNECTIONS + extra):  # more than are served at once
        s = socket.create_connection((HOST, port), timeout=TIMEOUT)
        if first:
            s.sendall(first)
        conns.append(s)
    return conns


@head_timeout_test
def half_open_heads_cannot_starve(srv):
    """Half-sent request lines fill the server; within the head deadline
    (plus a little) of the moment it is full, a new client is served."""
    conns = fill_server(srv.port, b"GET /echo HT")
    try:
        statuses, full_at, served = [], None, None
        deadline = time.monotonic() + 15
        while served is None and time.monotonic() < deadline:
            st = probe(srv.port)
            statuses.append(st)
            if st == 503 and full_at is None:
                full_at = time.monotonic()
            if st == 200:
                served = time.monotonic()
            time.sleep(0.05)
        assert full_at is not None, "the server never filled up: %r" % statuses[:20]
        assert served is not None, "never served again: %r" % statuses[-20:]
        print("     measured: served again %.2fs after the server was full "
              "(head deadline %.1fs)" % (served - full_at, HEAD_TIMEOUT))
        assert served - full_at < HEAD_TIMEOUT + 1.5, \
            "starved for %.2fs" % (served - full_at)
        late = [read_all(s, 0.2)[:40] for s in conns[:5]]
        assert all(d.startswith(b"HTTP/1.1 408") for d in late), late
    finally:
        for s in conns:
            s.close()


@head_timeout_test
def idle_connections_make_room(srv):
    """Connections that send nothing fill it: a new client is served at once
    (idle ones are closed when the server is full)."""
    conns = fill_server(srv.port, b"", extra=0)
    try:
        assert wait_until(lambda: len(srv.children()) == MAX_CONNECTIONS, 5), \
            "not at its cap: %d children" % len(srv.children())
        t0 = time.monotonic()
        st = probe(srv.port)
        while st != 200 and time.monotonic() - t0 < HEAD_TIMEOUT:
            time.sleep(0.05)
            st = probe(srv.port)
        took = time.monotonic() - t0
        assert st == 200 and took < HEAD_TIMEOUT, (st, took)
        print("     measured: served %.2fs after %d idle connections" %
              (took, len(conns)))
    finally:
        for s in conns:
            s.close()


def start_up_failures():
    """`--serve` on a port in use or a bad port: one message naming the
    problem on stderr, nothing on stdout, a failing exit status."""
    busy = socket.socket()
    busy.bind((HOST, 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    cases = [(str(port), 1, "wirebench: cannot listen on 127.0.0.1:%d: "
              "Address already in use\n" % port)]
    for bad in ("70000", "abc", "99999999999999999999999", "8o"):
        cases.append((bad, 2, "wirebench: --serve needs a port 0-65535, "
                      "got '%s'\n" % bad))
    try:
        for arg, status, err in cases:
            r = subprocess.run([WB, "--serve", arg], capture_output=True,
                               text=True, timeout=TIMEOUT)
            eq((r.returncode, r.stdout, r.stderr), (status, "", err), arg)
    finally:
        busy.close()


# ---------------------------------------------------------------- runner

def main():
    passed = failed = 0
    t_start = time.monotonic()
    try:
        shared = Server()
    except Exception as e:
        print("FAIL start: %s" % e)
        print("0 passed, 1 failed")
        return 1
    for fn in TESTS:
        fresh = getattr(fn, "fresh", False)
        srv = None
        try:
            srv = Server(getattr(fn, "env", None),
                         getattr(fn, "preexec", None)) if fresh else shared
            t0 = time.monotonic()
            fn(srv)
            print("ok   %-44s %.2fs" % (fn.__name__, time.monotonic() - t0))
            passed += 1
        except Exception as e:
            print("FAIL %-44s %s: %s" % (fn.__name__, type(e).__name__, e))
            failed += 1
        finally:
            if fresh and srv is not None:
                srv.stop()
                if srv.stderr():
                    print("stderr of %s:\n%s" % (fn.__name__, srv.stderr()))
    try:
        start_up_failures()
        print("ok   %-44s" % "start_up_failures")
        passed += 1
    except Exception as e:
        print("FAIL start_up_failures: %s: %s" % (type(e).__name__, e))
        failed += 1
    rc = shared.stop()
    if rc == 0 and not shared.stderr():
        print("ok   %-44s" % "clean_stop_and_empty_stderr")
        passed += 1
    else:
        print("FAIL clean_stop_and_empty_stderr: exit %r, stderr:\n%s" % (rc, shared.stderr()))
        failed += 1
    print("(%.1fs)" % (time.monotonic() - t_start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
