#!/usr/bin/env python3
"""HTTPS end to end: nginx and openssl s_server with a test CA made now.

Checks verification (chain, host name, IP SAN, expiry), the errors and the
state a failed handshake leaves, --insecure being loud, client
certificates, the chain display, SSLKEYLOGFILE, identical framing over TLS
and TCP, and - differentially - that each handshake outcome has the
exception name and text Python's http.client gives for the same peer.
"""
import http.client
import os
import re
import socket
import ssl
import struct
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import certs  # noqa: E402
import netpeers as npx  # noqa: E402

C = npx.Checks()
# TLS outcomes differ between Python builds (Debian's 3.11.2 reports EOFs
# and legacy servers differently); the reference is http.client 3.11.7+.
REFERENCE = sys.version_info[:2] == (3, 11) and sys.version_info >= (3, 11, 7)


def first_outcome(out):
    """The first error line or response status line of a transcript."""
    for line in out.splitlines():
        if line.startswith("error: ") or line.startswith("  = ") and \
                "version=" in line:
            return line
    return "(none)"


def py_outcome(host, port, pki, ca=True, cert=False, insecure=False):
    """What http.client says for GET / against 127.0.0.1:port as host."""
    ctx = ssl.create_default_context(cafile=pki["ca"] if ca else None)
    if insecure:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    if cert:
        ctx.load_cert_chain(pki["client"], pki["client_key"])
    c = http.client.HTTPSConnection(host, port, context=ctx, timeout=10)
    c._create_connection = lambda a, t, s: socket.create_connection(
        ("127.0.0.1", port), t, s)
    try:
        c.request("GET", "/")
        r = c.getresponse()
        return "  = %d" % r.status
    except Exception as e:  # the outcome under test
        text = re.sub(r" \(_ssl\.c:\d+\)", "", str(e))
        return "error: %s: %s" % (type(e).__name__, text)
    finally:
        c.close()


def wb_outcome(d, host, port, pki, ca=True, cert=False, insecure=False,
               name="case"):
    opts = " --connect-to 127.0.0.1:%d" % port
    if insecure:
        opts += " --insecure"
    if ca:
        opts += " --cafile " + pki["ca"]
    if cert:
        opts += " --cert %s --key %s" % (pki["client"], pki["client_key"])
    _, out = npx.run_wb(d, "open https://%s:%d%s\nrequest GET /\n"
                        "getresponse\n" % (host, port, opts), name=name)
    line = first_outcome(out)
    return (line.split("  version")[0].split(" OK")[0].rstrip()
            if line.startswith("  = ") else line), out


def same_as_python(d, label, host, port, pki, **kw):
    mine, out = wb_outcome(d, host, port, pki, name=label, **kw)
    if not REFERENCE:
        print("note: %s compared with Python only on 3.11.7+" % label)
        return out
    want = py_outcome(host, port, pki, **kw)
    mine = re.sub(r"^(  = \d+).*", r"\1", mine)
    C.ok("%s: same outcome as http.client" % label, mine == want,
         "wirebench: %s\npython:    %s\n%s" % (mine, want, out))
    return out


def test_nginx_verified(d, pki, ng):
    _, out = npx.run_wb(d, """open https://localhost:%d --cafile %s
request GET /
getresponse
read
tls
state
""" % (ng.port, pki["ca"]), name="verified")
    C.has("verified GET over TLS", out, "= 200 OK", '"hello over tls\\n"')
    C.has("one handshake summary line", out,
          "** TLS with localhost: TLSv1.", "ALPN http/1.1",
          "verified (chain and name localhost)")
    C.ok("exactly one summary frame", out.count("** TLS with") == 1, out)
    C.has("tls shows the chain", out, "[0] subject: CN=localhost",
          "issuer:  CN=wirebench test CA", "SAN:     DNS:localhost, "
          "IP:127.0.0.1", "[1] subject: CN=wirebench test CA")
    C.has("tls shows SHA-256 fingerprints", out,
          "sha256:  " + certs.fingerprint(pki["srv"]),
          "sha256:  " + certs.fingerprint(pki["ca"]))
    C.has("tls shows validity and SNI", out, "valid:   ",
          "(SNI localhost)")
    C.has("connection kept", out, "state=Idle socket=yes")


def sent_frames(out, port):
    lines = [l for l in out.splitlines() if l.startswith("  >>")]
    return "\n".join(lines).replace(str(port), "PORT")


def test_same_framing(d, pki, ng):
    script = """request POST /x "abc" -H "X-A: 1"
getresponse
read
putrequest PUT /y
putheader Transfer-Encoding chunked
endheaders encode_chunked
chunk hello
endchunks "T: v"
getresponse
"""
    _, tls_out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n" %
                            (ng.port, pki["ca"]) + script, name="frm-tls")
    _, tcp_out = npx.run_wb(d, "open http://localhost:%d\n" % ng.plain_port
                            + script, name="frm-tcp")
    a, b = sent_frames(tls_out, ng.port), sent_frames(tcp_out, ng.plain_port)
    C.ok("framing identical over TLS and TCP", a == b and a.count(">>") > 8,
         "TLS:\n%s\nTCP:\n%s" % (a, b))


def test_failed_handshake_state(d, pki, ng):
    _, out = npx.run_wb(d, """open https://localhost:%d
request GET /
state
request GET /
getresponse
close
state
""" % ng.port, name="failstate")
    C.has("unknown issuer named as Python does", out,
          "error: SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED]"
          " certificate verify failed: unable to get local issuer "
          "certificate")
    C.has("unknown issuer explained", out, "!! TLS: the chain does not end")
    C.has("after a failed handshake: Request-sent, closed socket kept", out,
          "state=Request-sent socket=yes")
    C.has("next request: CannotSendRequest", out,
          "error: CannotSendRequest: Request-sent")
    C.has("getresponse reads the closed socket", out,
          "error: OSError: [Errno 9] Bad file descriptor")
    C.has("close clears it", out, "state=Idle socket=no")


def test_insecure(d, pki, ng):
    _, out = npx.run_wb(d, """open https://localhost:%d --insecure
request GET /
getresponse
tls
""" % ng.port, name="insecure")
    C.has("--insecure connects", out, "= 200 OK")
    C.has("--insecure is loud", out,
          "!! certificate verification is OFF (--insecure)",
          "NOT VERIFIED (--insecure); the check says: unable to get local "
          "issuer certificate")
    C.has("--insecure shows the sent chain", out,
          "as sent by the server", "[0] subject: CN=localhost")
    _, out = npx.run_wb(d, "open https://localhost:%d --insecure --cafile %s"
                        "\nrequest GET /\ngetresponse\n"
                        % (ng.port, pki["ca"]), name="insecure-ok")
    C.has("--insecure still reports a check that passed", out,
          "NOT VERIFIED (--insecure); the check says: ok")


def test_empty_host_refused(d, pki, ng):
    """An empty host name cannot be verified: refused as Python refuses it,
    never a handshake that skips the name check."""
    _, out = npx.run_wb(d, "open https://:%d --connect-to 127.0.0.1:%d "
                        "--cafile %s\nrequest GET /\n" %
                        (ng.port, ng.port, pki["ca"]), name="emptyhost")
    C.has("empty host refused", out,
          "error: ValueError: check_hostname requires server_hostname")
    C.lacks("no handshake with an empty name", out, "** TLS with")
    out = same_as_python(d, "emptyinsecure", "", ng.port, pki, insecure=True)
    C.has("empty host refused with --insecure too", out,
          "error: ValueError: server_hostname cannot be an empty string or "
          "start with a leading dot.")
    C.lacks("--insecure: no handshake with an empty name", out, "** TLS with")


def test_sni_encoding(d, pki, ng):
    """The ssl module encodes server_hostname with the idna codec, whose
    ASCII fast path checks label lengths: a host the Host header takes
    as it is fails before the handshake, verified or not."""
    long_label = "x" * 64
    cases = [("leading dot", ".localhost", {}, "label empty or too long"),
             ("empty label", "a..localhost", {"insecure": True},
              "label empty or too long"),
             ("long label", long_label + ".localhost", {},
              "label empty or too long"),
             ("long last label", "localhost." + long_label,
              {"insecure": True}, "label too long")]
    for label, host, kw, why in cases:
        out = same_as_python(d, "sni-" + label.replace(" ", ""), host,
                             ng.port, pki, **kw)
        C.has("SNI %s: UnicodeError" % label, out,
              "error: UnicodeError: encoding with 'idna' codec failed "
              "(UnicodeError: %s)" % why)
        C.lacks("SNI %s: no handshake" % label, out, "** TLS with")
    out = same_as_python(d, "sni-trailingdot", "localhost.", ng.port, pki)
    C.has("a trailing dot passes the codec and goes to the handshake", out,
          "** TLS handshake with localhost. failed",
          "Hostname mismatch, certificate is not valid for 'localhost.'.")


def test_ip_host(d, pki, ng):
    _, out = npx.run_wb(d, "open https://127.0.0.1:%d --cafile %s\n"
                        "request GET /\ngetresponse\ntls\n" %
                        (ng.port, pki["ca"]), name="iphost")
    C.has("IP host verified against the IP SAN", out, "= 200 OK",
          "verified (chain and name 127.0.0.1)", "no SNI sent",
          "SNI not sent: IP address")


def test_plain_mixups(d, pki, ng):
    _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                        "request GET /\n" % (ng.plain_port, pki["ca"]),
                        name="tls2plain")
    C.has("TLS to a plain port", out,
          "error: SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number",
          "this port probably speaks plain HTTP")
    _, out = npx.run_wb(d, "open http://localhost:%d\nrequest GET /\n"
                        "getresponse\nread\n" % ng.port, name="plain2tls")
    C.has("plain HTTP to a TLS port", out, "= 400 Bad Request",
          "plain HTTP request was sent to HTTPS port")


def test_reconnect(d, pki, ng):
    _, out = npx.run_wb(d, """open https://localhost:%d --cafile %s
request GET /close
getresponse
read
request GET /
getresponse
read
""" % (ng.port, pki["ca"]), name="reconnect")
    C.ok("will_close over TLS, then a new handshake",
         out.count("** TLS with localhost") == 2 and
         out.count("= 200 OK") == 2 and "will_close=yes" in out, out)


def test_keylog(d, pki, ng):
    log = os.path.join(d, "keys.log")
    _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                        "request GET /\ngetresponse\n" % (ng.port, pki["ca"]),
                        env={"SSLKEYLOGFILE": log}, name="keylog")
    text = open(log).read() if os.path.exists(log) else ""
    C.ok("SSLKEYLOGFILE gets NSS key log lines",
         re.search(r"^(CLIENT_TRAFFIC_SECRET_0|CLIENT_RANDOM) [0-9a-f]{64} "
                   r"[0-9a-f]+$", text, re.M) is not None, text + out)
    # http.client's default context opens the file at once: a path it
    # cannot append to fails the HTTPSConnection, before any connect
    for label, path in (("missing folder", os.path.join(d, "no", "k.log")),
                        ("directory", d)):
        old = os.environ.get("SSLKEYLOGFILE")
        os.environ["SSLKEYLOGFILE"] = path
        try:
            http.client.HTTPSConnection("localhost", ng.port)
            want = "(no error)"
        except OSError as e:
            want = "error: %s: %s" % (type(e).__name__, e)
        finally:
            if old is None:
                del os.environ["SSLKEYLOGFILE"]
            else:
                os.environ["SSLKEYLOGFILE"] = old
        _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                            "request GET /\nstate\n" % (ng.port, pki["ca"]),
                            env={"SSLKEYLOGFILE": path}, name="keylog-bad")
        C.ok("SSLKEYLOGFILE %s: open fails as http.client" % label,
             first_outcome(out) == want and want.startswith("error: "),
             "wirebench: %s\npython:    %s" % (first_outcome(out), want))
        C.lacks("SSLKEYLOGFILE %s: nothing connected" % label, out,
                "** connected")


def test_option_errors(d, pki):
    _, out = npx.run_wb(d, "open https://localhost:1 --cafile %s/nope.pem\n"
                        "open http://localhost:1 --insecure\n" % d,
                        name="opterr")
    C.has("missing --cafile", out,
          "error: FileNotFoundError: [Errno 2] No such file or directory")
    C.has("TLS option on http://", out,
          "error: UsageError: TLS options need an https:// URL")
    hostname = os.path.join(d, "a-file")
    open(hostname, "w").close()
    _, out = npx.run_wb(d, "open https://localhost:1 --key %s\n"
                        "open https://localhost:1 --capath %s\n"
                        "open https://localhost:1 --capath %s/nope\n"
                        "state\n" % (hostname, hostname, d), name="opterr2")
    C.has("--key without --cert", out,
          "error: UsageError: --key needs --cert (the client certificate)")
    C.has("--capath naming a file", out,
          "error: NotADirectoryError: [Errno 20] Not a directory: '%s'"
          % hostname)
    C.has("--capath naming nothing", out, "error: FileNotFoundError: "
          "[Errno 2] No such file or directory: '%s/nope'" % d)
    C.has("no connection after refused options", out,
          "error: UsageError: no connection yet")


def py_file_error(cafile=None, cert=None, key=None):
    """What Python's ssl module says loading these files."""
    try:
        ctx = ssl.create_default_context(cafile=cafile)
        if cert:
            ctx.load_cert_chain(cert, key)
        return "(no error)"
    except Exception as e:  # the outcome under test
        return "error: %s: %s" % (type(e).__name__,
                                  re.sub(r" \(_ssl\.c:\d+\)", "", str(e)))


def test_bad_files(d, pki):
    """Unusable trust and certificate files fail `open` with the exception
    and text of Python's ssl module (which names no file: wirebench adds
    the path to an OSError's text)."""
    bad = os.path.join(d, "garbage.pem")
    with open(bad, "w") as f:
        f.write("garbage\n")
    empty = os.path.join(d, "empty.pem")
    open(empty, "w").close()
    cases = [("cafile garbage", dict(cafile=bad)),
             ("cafile empty", dict(cafile=empty)),
             ("cafile directory", dict(cafile=d)),
             ("cert garbage", dict(cert=bad)),
             ("cert without its key", dict(cert=pki["client"])),
             ("key of another cert", dict(cert=pki["client"],
                                          key=pki["srv_key"])),
             ("key garbage", dict(cert=pki["client"], key=bad))]
    for label, kw in cases:
        opts = "".join(" --%s %s" % (k, v) for k, v in kw.items())
        _, out = npx.run_wb(d, "open https://localhost:1%s\nstate\n" % opts,
                            name="badfile")
        mine = first_outcome(out)
        want = py_file_error(**kw)
        C.ok("%s: an error" % label, want.startswith("error: ") and
             mine.startswith(want), "wirebench: %s\npython:    %s"
             % (mine, want))
        C.has("%s: no connection made" % label, out,
              "error: UsageError: no connection yet")


def hanging_listener():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(4)
    held = []

    def serve():
        for _ in range(4):
            try:
                c, _ = s.accept()
            except OSError:
                return
            held.append(c)
    threading.Thread(target=serve, daemon=True).start()
    return s, held


class ClosingListener:
    """Accepts each connection, reads the ClientHello and closes. (A close
    before the hello is read is a race between EOF and a reset.)"""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(30)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        for _ in range(2):  # Python's connection, then wirebench's
            try:
                c, _ = self.sock.accept()
                c.settimeout(10)
                c.recv(16384)
                c.close()
            except OSError:
                continue

    def close(self):
        self.sock.close()


def test_closed_during_handshake(d, pki):
    """A peer that closes after our ClientHello: SSLEOFError as http.client
    says it, explained."""
    srv = ClosingListener()
    try:
        out = same_as_python(d, "hsclose", "localhost", srv.port, pki)
        C.has("closed in the handshake: SSLEOFError", out,
              "error: SSLEOFError: [SSL: UNEXPECTED_EOF_WHILE_READING] "
              "EOF occurred in violation of protocol",
              "!! TLS: the server closed the connection during the "
              "handshake")
    finally:
        srv.close()


def test_handshake_timeout(d):
    s, held = hanging_listener()
    port = s.getsockname()[1]
    _, out = npx.run_wb(d, "open https://localhost:%d --timeout 0.5\n"
                        "request GET /\nstate\n" % port, name="hstimeout")
    C.has("handshake timeout", out,
          "error: TimeoutError: The handshake operation timed out",
          "state=Request-sent socket=yes")
    s.close()
    for c in held:
        c.close()


def test_s_server_cases(d, pki):
    srv = npx.s_server(d, "expired", "-cert", pki["expired"], "-key",
                       pki["expired_key"])
    try:
        out = same_as_python(d, "expired", "localhost", srv.port, pki)
        C.has("expired certificate", out, "certificate has expired")
        _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s "
                            "--insecure\nrequest GET /\ngetresponse\ntls\n"
                            % (srv.port, pki["ca"]), name="expired-tls")
        C.has("tls marks an expired certificate", out,
              "NOT VERIFIED (--insecure); the check says: certificate has "
              "expired", "valid:   2020-01-01 00:00:00 UTC .. 2020-01-02 "
              "00:00:00 UTC  EXPIRED\n")
    finally:
        srv.stop()
    srv = npx.s_server(d, "future", "-cert", pki["future"], "-key",
                       pki["future_key"])
    try:
        out = same_as_python(d, "future", "localhost", srv.port, pki)
        C.has("not yet valid certificate", out,
              "certificate is not yet valid")
        _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s "
                            "--insecure\nrequest GET /\ngetresponse\ntls\n"
                            % (srv.port, pki["ca"]), name="future-tls")
        C.has("tls marks a certificate not yet valid", out,
              "valid:   2090-01-01 00:00:00 UTC .. 2090-01-02 00:00:00 UTC"
              "  NOT YET VALID\n")
    finally:
        srv.stop()
    srv = npx.s_server(d, "other", "-cert", pki["other"], "-key",
                       pki["other_key"])
    try:
        out = same_as_python(d, "hostname", "localhost", srv.port, pki)
        C.has("host-name mismatch", out, "Hostname mismatch, certificate is"
              " not valid for 'localhost'.")
        out = same_as_python(d, "ipmismatch", "127.0.0.1", srv.port, pki)
        C.has("IP mismatch", out, "IP address mismatch, certificate is not"
              " valid for '127.0.0.1'.")
        same_as_python(d, "unknownca", "other.test", srv.port, pki, ca=False)
    finally:
        srv.stop()
    srv = npx.s_server(d, "tls10", "-cert", pki["srv"], "-key",
                       pki["srv_key"], "-tls1", "-cipher", "ALL@SECLEVEL=0")
    try:
        out = same_as_python(d, "tls10", "localhost", srv.port, pki)
        C.has("TLS 1.0-only server explained", out, "error: SSLError: ",
              "needs TLS 1.2 or later")
    finally:
        srv.stop()
    srv = npx.s_server(d, "clientcert", "-cert", pki["srv"], "-key",
                       pki["srv_key"], "-tls1_2", "-Verify", "1", "-CAfile",
                       pki["ca"])
    try:
        out = same_as_python(d, "nocert", "localhost", srv.port, pki)
        C.has("client certificate required", out, "error: SSLError: ",
              "--cert")
        out = same_as_python(d, "withcert", "localhost", srv.port, pki,
                             cert=True)
        C.has("client certificate accepted", out, "= 200 ok")
    finally:
        srv.stop()
    # TLS 1.3: the client's handshake is over before the server checks the
    # certificate, so its alert ends the first read
    srv = npx.s_server(d, "clientcert13", "-cert", pki["srv"], "-key",
                       pki["srv_key"], "-tls1_3", "-Verify", "1", "-CAfile",
                       pki["ca"])
    try:
        out = same_as_python(d, "nocert13", "localhost", srv.port, pki)
        C.has("TLS 1.3: client certificate required", out,
              "error: SSLError: [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] "
              "tlsv13 alert certificate required",
              "!! TLS: the server requires a client certificate")
    finally:
        srv.stop()


def test_names_in_certificate(d, pki):
    """A certificate without a CN whose SAN lists every kind of name: the
    one-line summary falls back to the whole subject and `tls` lists each
    name with its kind (a kind it does not name reads "(other)")."""
    srv = npx.s_server(d, "names", "-cert", pki["names"], "-key",
                       pki["names_key"])
    try:
        out = same_as_python(d, "names", "localhost", srv.port, pki)
        C.has("SAN DNS name verifies", out, "= 200 ok")
        _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                            "request GET /\ngetresponse\ntls\n"
                            % (srv.port, pki["ca"]), name="names-tls")
        C.has("summary names a subject without CN whole", out,
              "peer OU=no common name,O=wirebench names issued by "
              "CN=wirebench test CA, verified")
        C.has("tls lists every subject alternative name", out,
              "  [0] subject: OU=no common name,O=wirebench names\n",
              "      SAN:     DNS:localhost, email:ops@example.org, "
              "URI:https://example.org/names, IP:::1, (other)\n")
    finally:
        srv.stop()


class DroppingTLSServer:
    """Completes the handshake, reads the first bytes of the request, then
    drops the connection: with a reset (SO_LINGER 0), a clean close, or
    not at all ("stall": it holds the connection and reads no more)."""

    def __init__(self, pki, how):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(pki["srv"], pki["srv_key"])
        self.how = how
        self.held = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(30)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        for _ in range(2):  # one connection from Python, one from wirebench
            try:
                c, _ = self.sock.accept()
                c.settimeout(30)
                s = self.ctx.wrap_socket(c, server_side=True)
                s.recv(100)
                if self.how == "stall":
                    self.held.append(s)
                    continue
                if self.how == "reset":
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                 struct.pack("ii", 1, 0))
                s.close()
            except OSError:
                continue

    def close(self):
        self.sock.close()
        for s in self.held:
            s.close()


def test_write_errors(d, pki):
    """A body written after the server dropped the TLS connection fails as
    in http.client: SSLEOFError, for a reset and for a clean close alike;
    a server that stops reading makes the write time out."""
    big = os.path.join(d, "big.bin")
    with open(big, "wb") as f:
        f.write(b"x" * (8 << 20))
    for how in ("reset", "close", "stall"):
        label = "write after %s" % how
        srv = DroppingTLSServer(pki, how)
        try:
            ctx = ssl.create_default_context(cafile=pki["ca"])
            c = http.client.HTTPSConnection("localhost", srv.port,
                                            context=ctx, timeout=1)
            try:
                with open(big, "rb") as f:
                    c.request("POST", "/", body=f)
                want = "(no error)"
            except Exception as e:  # the outcome under test
                want = "error: %s: %s" % (type(e).__name__, re.sub(
                    r" \(_ssl\.c:\d+\)", "", str(e)))
            finally:
                c.close()
            _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s"
                                " --timeout 1\nrequest POST / @%s\nstate\n"
                                % (srv.port, pki["ca"], big),
                                name="write-" + how)
            mine = first_outcome(out)
            C.ok("%s: an error" % label, mine.startswith("error: "), out)
            if REFERENCE:
                C.ok("%s: same as http.client" % label, mine == want,
                     "wirebench: %s\npython:    %s" % (mine, want))
            C.has("%s: the request is still Request-sent" % label, out,
                  "state=Request-sent")
        finally:
            srv.close()


class AfterHandshakeServer:
    """Completes the handshake, reads the request, then answers in one of
    two ways: "plain" writes a response in plain text on the socket,
    under TLS (a record OpenSSL cannot parse); "notify" sends an HTTP/1.0
    response without a length under TLS, then close_notify and closes."""

    def __init__(self, pki, how, conns=2):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(pki["srv"], pki["srv_key"])
        self.how, self.conns = how, conns
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(30)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        for _ in range(self.conns):
            try:
                c, _ = self.sock.accept()
                c.settimeout(30)
                s = self.ctx.wrap_socket(c, server_side=True)
                s.recv(1000)
                if self.how == "plain":
                    os.write(s.fileno(), b"HTTP/1.1 200 OK\r\n"
                             b"Content-Length: 2\r\n\r\nhi")
                    c.shutdown(socket.SHUT_WR)
                    s.recv(1)  # until the client closes
                else:
                    s.sendall(b"HTTP/1.0 200 OK\r\n\r\nthe body")
                    s.unwrap().close()
            except OSError:
                continue

    def close(self):
        self.sock.close()


def py_get(port, pki):
    """GET / with http.client: (status, body) or the error line."""
    ctx = ssl.create_default_context(cafile=pki["ca"])
    c = http.client.HTTPSConnection("localhost", port, context=ctx,
                                    timeout=10)
    try:
        c.request("GET", "/")
        r = c.getresponse()
        return "  = %d %r" % (r.status, r.read())
    except Exception as e:  # the outcome under test
        return "error: %s: %s" % (type(e).__name__, re.sub(
            r" \(_ssl\.c:\d+\)", "", str(e)))
    finally:
        c.close()


def test_after_handshake(d, pki):
    """What a TLS peer does after a good handshake: plain text where a
    record should be is an SSLError, named as http.client names it; a
    close_notify ends a body read to EOF cleanly; the response's fileno()
    is the socket's under TLS too."""
    srv = AfterHandshakeServer(pki, "plain")
    try:
        want = py_get(srv.port, pki)
        _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                            "request GET /\ngetresponse\nstate\n"
                            % (srv.port, pki["ca"]), name="plainrecord")
        mine = first_outcome(out)
        C.ok("plain text after the handshake: SSLError", mine.startswith(
            "error: SSLError: [SSL: "), out)
        C.ok("plain text after the handshake: same as http.client",
             mine == want, "wirebench: %s\npython:    %s" % (mine, want))
    finally:
        srv.close()
    srv = AfterHandshakeServer(pki, "notify")
    try:
        want = py_get(srv.port, pki)
        C.ok("close_notify: http.client reads the body",
             want == "  = 200 b'the body'", want)
        _, out = npx.run_wb(d, "open https://localhost:%d --cafile %s\n"
                            "request GET /\ngetresponse\nresponse fileno\n"
                            "read\nstate\n" % (srv.port, pki["ca"]),
                            name="closenotify")
        C.has("close_notify ends the body read to EOF", out,
              '"the body"', "state=Idle")
        C.lacks("close_notify is no error", out, "error:")
        m = re.search(r"wb> response fileno\n  = (-?\d+)", out)
        C.ok("fileno() of a TLS response is its socket's",
             m is not None and int(m.group(1)) > 2, out)
    finally:
        srv.close()


def main():
    d = npx.tempdir()
    pki = certs.make_pki(d)
    ng = npx.nginx(d, pki)
    try:
        test_nginx_verified(d, pki, ng)
        test_same_framing(d, pki, ng)
        test_failed_handshake_state(d, pki, ng)
        test_insecure(d, pki, ng)
        test_ip_host(d, pki, ng)
        test_empty_host_refused(d, pki, ng)
        test_sni_encoding(d, pki, ng)
        test_plain_mixups(d, pki, ng)
        test_reconnect(d, pki, ng)
        test_keylog(d, pki, ng)
        test_option_errors(d, pki)
        test_bad_files(d, pki)
        test_handshake_timeout(d)
        test_closed_during_handshake(d, pki)
        test_s_server_cases(d, pki)
        test_names_in_certificate(d, pki)
        test_write_errors(d, pki)
        test_after_handshake(d, pki)
    finally:
        ng.stop()
        npx.cleanup(d)
    C.finish()


if __name__ == "__main__":
    main()
