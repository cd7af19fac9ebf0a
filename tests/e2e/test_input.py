#!/usr/bin/env python3
"""Careless input is refused by name before anything is sent.

`open` with URLs that cannot name a host (user info, broken brackets, no
host) fails with a named error and opens no connection; the next good
`open` works.
"""
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import netpeers as npx  # noqa: E402

C = npx.Checks()


def outcomes(text):
    """(command, first error line or None) per command of a transcript."""
    out, cur = [], None
    for line in text.splitlines():
        if line.startswith("wb> "):
            cur = [line[4:], None]
            out.append(cur)
        elif cur and cur[1] is None and line.startswith("error: "):
            cur[1] = line[7:]
    return out


def test_open_urls(d):
    lsn = socket.socket()
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(8)
    lsn.settimeout(0.2)
    port = lsn.getsockname()[1]
    cases = [
        ("http://user:pw@127.0.0.1:%d/" % port,
         "InvalidURL: user info in 'http://user:pw@127.0.0.1:%d/' "
         "(see the note)" % port),
        ("http://user@127.0.0.1:%d/" % port, "InvalidURL: user info in"),
        ("http://user:password@127.0.0.1/",
         "InvalidURL: nonnumeric port: 'password@127.0.0.1'"),
        ("http://[::1", "ValueError: Invalid IPv6 URL"),
        ("http://[::1]x:%d/" % port, "ValueError: Invalid IPv6 URL"),
        ("http://127.0.0.1]:%d/" % port, "ValueError: Invalid IPv6 URL"),
        ("http://[127.0.0.1]:%d/" % port,
         "ValueError: An IPv4 address cannot be in brackets"),
        ("http://", "InvalidURL: no host in 'http://' (--connect-to "
         "would allow it)"),
        ("https://:%d/" % port, "InvalidURL: no host in 'https://:%d/'" %
         port),
    ]
    lines = []
    for url, _ in cases:
        lines += ["open %s" % url, "request GET /"]
    lines += ["open http://127.0.0.1:%d/ --timeout 2" % port, "request GET /"]
    _, text = npx.run_wb(d, "\n".join(lines) + "\n", name="open_urls")
    got = outcomes(text)
    for k, (url, want) in enumerate(cases):
        err = got[2 * k][1] if 2 * k < len(got) else None
        C.ok("open %s: %s" % (url, want), err and err.startswith(want),
             "%s\n%s" % (err, text))
    C.has("user info: the note shows the Authorization header", text,
          '-H "Authorization: Basic dXNlcjpwdw=="')
    C.lacks("no Host header carries user info", text, "Host: [user")
    C.lacks("no Host header carries a broken bracket", text, "Host: [[")
    try:
        conn, _ = lsn.accept()  # only the last, good open may connect
        conn.close()
        accepted = 1
        lsn.settimeout(0.5)
        try:
            lsn.accept()[0].close()
            accepted += 1
        except socket.timeout:
            pass
    except socket.timeout:
        accepted = 0
    C.ok("only the good open connected", accepted == 1, "%d connections\n%s"
         % (accepted, text))
    lsn.close()


def main():
    d = npx.tempdir()
    try:
        test_open_urls(d)
    finally:
        npx.cleanup(d)
    C.finish()


if __name__ == "__main__":
    main()
