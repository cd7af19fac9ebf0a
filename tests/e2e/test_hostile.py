#!/usr/bin/env python3
"""No byte from a peer or a certificate reaches the terminal unescaped.

A hostile HTTP peer (faultserver.py /evil*) sends ESC, CSI, OSC, BEL, C1
controls as bytes and as UTF-8, backspace, DEL and bidi overrides in the
reason phrase, a header, the body, a status line and a proxy's CONNECT
answer; a TLS peer (openssl s_server) presents a certificate with the same
in its CN, O and SAN. Every output path is run against them: the batch text
transcript (results, errors, debug lines, notes), JSON Lines (must stay
valid and exact), the REPL on a pty, `tls` and the handshake summary.
The output must be valid UTF-8 without a C0 control other than LF (CR on
a pty), DEL, C1 control or bidi control, and show the escapes instead.
"""
import json
import os
import pty
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import certs  # noqa: E402
import faultserver  # noqa: E402
import netpeers as npx  # noqa: E402

C = npx.Checks()
BIDI = (set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) |
        {0x061C, 0x200E, 0x200F, 0x2028, 0x2029})


def unsafe(out, allow="\n"):
    """What in out a terminal would act on (empty when safe)."""
    try:
        s = out.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["invalid UTF-8 near %r" % out[max(0, e.start - 20):e.end + 20]]
    bad = []
    for i, ch in enumerate(s):
        o = ord(ch)
        if ch not in allow and (o < 0x20 or 0x7F <= o <= 0x9F or o in BIDI):
            bad.append("U+%04X near %r" % (o, s[max(0, i - 25):i + 25]))
    return bad[:5]


def script(port):
    return "\n".join([
        "open http://127.0.0.1:%d --timeout 3" % port,
        "set_debuglevel 1",
        "request GET /evil",
        "getresponse",
        "getheader X-Evil",
        "getheaders",
        "read",
        "request GET /evil-status",
        "getresponse",
        "close",
        "set_debuglevel 0",
        "set_tunnel evil.tunnel:80",
        "request GET /",
        "state",
    ]) + "\n"


def run(args, stdin, timeout=30):
    r = subprocess.run([npx.WB] + args, input=stdin, capture_output=True,
                       timeout=timeout)
    if b"Sanitizer" in r.stderr or b"runtime error:" in r.stderr:
        npx.SANITIZER_REPORTS.append(r.stderr.decode("utf-8", "replace"))
    return r.stdout + r.stderr


def test_text(port):
    out = run(["--batch", "-", "--keep-going"], script(port).encode())
    text = out.decode("utf-8", "replace")
    C.ok("text transcript: nothing a terminal acts on", not unsafe(out),
         "%s\n%s" % (unsafe(out), text))
    C.has("text: the reason's escapes are visible", text,
          "= 200 \\x1b[31mRED\\x1b]0;pwned\\x07|\\x9b1m|\xc2\\x9b2m|\\x08bs|"
          "\\x85nel|\xe2\\x80\xaeRLO")
    C.has("text: debug header line escaped", text,
          "header: X-Evil: \\x1b[31mRED")
    C.has("text: BadStatusLine message escaped", text,
          "error: BadStatusLine: \\x1b]0;pwned\\x07 200 \\x9b1m")
    C.has("text: tunnel failure message escaped", text,
          "error: OSError: Tunnel connection failed: 407 \\x1b[31mRED")
    C.has("text: getheader repr", text, "= '\\x1b[31mRED\\x1b]0;pwned\\x07|")


def test_json(port):
    out = run(["--batch", "-", "--keep-going", "--format", "json"],
              script(port).encode())
    C.ok("json: nothing a terminal acts on", not unsafe(out), unsafe(out))
    objs = []
    for line in out.decode("utf-8", "replace").splitlines():
        try:
            objs.append(json.loads(line))
        except ValueError:
            C.ok("json: every line parses", False, line)
    resp = [o["result"] for o in objs if o["line"] == "getresponse" and
            o["ok"]]
    evil = faultserver.EVIL.decode("latin-1")
    C.ok("json: the reason round-trips exactly",
         resp and resp[0]["reason"] == evil, resp)
    errs = [o["error"]["message"] for o in objs if o["error"]]
    C.ok("json: error messages keep the peer's characters",
         "Tunnel connection failed: 407 " + evil in errs, errs)


def test_recorded(d, port):
    """A recording of a hostile exchange, printed offline and replayed,
    stays as safe as the live transcript."""
    rec = os.path.join(d, "evil-rec.wb")
    run(["--batch", "-", "--keep-going", "--record", rec],
        script(port).encode())
    C.ok("recorded", os.path.exists(rec), rec)
    out = run(["--batch", "--offline", rec], b"")
    C.ok("offline transcript: nothing a terminal acts on",
         b"pwned" in out and not unsafe(out),
         "%s\n%s" % (unsafe(out), out.decode("utf-8", "replace")[:3000]))
    out = run(["--replay", rec], b"")
    C.ok("replay report: nothing a terminal acts on", not unsafe(out),
         "%s\n%s" % (unsafe(out), out.decode("utf-8", "replace")[:3000]))


read_until = npx.read_until


def test_repl(port):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(npx.WB, [npx.WB, "--repl"])
    try:
        read_until(fd, b"wb> ", 5)
        os.write(fd, script(port).encode() + b"help\n")
        out = read_until(fd, b"state=Idle", 15)
        out += read_until(fd, b"wb> ", 2)
        C.ok("repl on a pty: nothing a terminal acts on",
             b"state=Idle" in out and not unsafe(out, "\r\n"),
             "%s\n%s" % (unsafe(out, "\r\n"), out.decode("utf-8", "replace")))
    finally:
        C.ok("repl on a pty: ends on SIGTERM", npx.end_child(pid) is not None)
        os.close(fd)


def test_tls(d):
    pem, key = certs.make_hostile(d)
    srv = npx.s_server(d, "evil", "-cert", pem, "-key", key, "-www")
    try:
        lines = ("open https://localhost:%d --insecure --timeout 5\n"
                 "request GET /\ngetresponse\ntls\nclose\n"
                 "open https://localhost:%d --timeout 5\nrequest GET /\n"
                 % (srv.port, srv.port))
        out = run(["--batch", "-", "--keep-going"], lines.encode())
        text = out.decode("utf-8", "replace")
        C.ok("tls: certificate names never reach the terminal raw",
             not unsafe(out), "%s\n%s" % (unsafe(out), text))
        C.has("tls: the hostile CN shows as escapes", text,
              "\\x1b]0;pwned\\x07evil\\x1b[31m\\x9b1m\\u202eRLO\\u2066x",
              "\\x1b[32mgreen.test")
        out = run(["--batch", "-", "--keep-going", "--format", "json"],
                  lines.encode())
        C.ok("tls json: nothing a terminal acts on", not unsafe(out),
             unsafe(out))
        rec = os.path.join(d, "tls-rec.wb")
        run(["--batch", "-", "--keep-going", "--record", rec], lines.encode())
        out = run(["--batch", "--offline", rec], b"")
        C.ok("tls offline: `tls` text from a recording stays escaped",
             b"green.test" in out and not unsafe(out),
             "%s\n%s" % (unsafe(out), out.decode("utf-8", "replace")))
    finally:
        srv.stop()


def main():
    d = npx.tempdir()
    srv = faultserver.FaultServer()
    try:
        test_text(srv.port)
        test_json(srv.port)
        test_repl(srv.port)
        test_recorded(d, srv.port)
        test_tls(d)
    finally:
        srv.stop()
        npx.cleanup(d)
    C.finish()


if __name__ == "__main__":
    main()
