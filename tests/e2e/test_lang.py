"""The command language end to end: variables, captures, expectations,
source, quit/exit/help as commands, keywords in any order, NUL bytes in a
script, interrupted runs, --stats with JSON, and command-line errors.

Peers: the demo server, a small JSON server and a silent server (accepts a
request and never answers), all on 127.0.0.1 and started here.
"""
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from test_batch import Demo  # noqa: E402
from netpeers import terminate  # noqa: E402
WB = os.environ.get("WB", os.path.join(HERE, "..", "..", "build", "wirebench"))

DOC = {"user": {"name": "ada", "roles": ["admin", "dev"], "id": 7},
       "ok": True, "token": "tok-123"}


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def run(args, script=None, timeout=60, env=None):
    e = {k: v for k, v in os.environ.items()
         if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")}
    e.update(env or {})
    if isinstance(script, str):
        script = script.encode()
    r = subprocess.run([WB] + args, input=script, capture_output=True,
                       timeout=timeout, env=e)
    out = r.stdout.decode("utf-8", "replace")
    err = r.stderr.decode("utf-8", "replace")
    check("Sanitizer" not in err and "runtime error:" not in err, err)
    return r.returncode, out, err


class Server:
    """A loopback server whose handler gets each accepted socket."""

    def __init__(self, handler):
        self.s = socket.socket()
        self.s.bind(("127.0.0.1", 0))
        self.s.listen(8)
        self.port = self.s.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.handler = handler
        self.stop_ev = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        for _ in range(100):
            try:
                c, _ = self.s.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(c,), daemon=True).start()

    def _one(self, c):
        c.settimeout(10)
        try:
            self.handler(self, c)
        except OSError:
            pass
        finally:
            c.close()

    def close(self):
        self.stop_ev.set()
        self.s.close()


def read_head(c):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        more = c.recv(4096)
        if not more:
            return None
        data += more
    return data


def json_handler(srv, c):
    body = json.dumps(DOC).encode()
    for _ in range(20):
        if read_head(c) is None:
            return
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  b"Set-Cookie: sid=abc; Path=/\r\nContent-Length: %d\r\n\r\n"
                  % len(body) + body)


def silent_handler(srv, c):
    if read_head(c) is not None:
        srv.got_request.set()
    srv.stop_ev.wait(20)


# ---- variables -----------------------------------------------------------

def test_variables(demo):
    with tempfile.TemporaryDirectory() as d:
        env = os.path.join(d, "staging.env")
        with open(env, "w") as f:
            f.write("# the staging environment\n\nPATH_A=/bytes/3\nNAME=x y\n")
        script = ('set P /bytes/${N}\n'
                  'request GET ${P} -H "X-A: ${NAME}" -H \'X-B: ${NAME}\' '
                  '-H "X-Home: ${env:WB_LANG_HOME}"\n'
                  'getresponse\nread\nrequest GET ${PATH_A}\ngetresponse\nread\n')
        rc, out, _ = run(["--batch", "-", "--var", "N=4", "--env", env, demo.url],
                         script, env={"WB_LANG_HOME": "/home/ada"})
        check(rc == 0, out)
        check(">> GET /bytes/4 HTTP/1.1" in out, out)
        check(">> X-A: x y\\r\\n" in out, "double quotes expand: " + out)
        check(">> X-B: ${NAME}\\r\\n" in out, "single quotes do not: " + out)
        check(">> X-Home: /home/ada\\r\\n" in out, out)
        check(">> GET /bytes/3 HTTP/1.1" in out, out)
        # the environment is reachable only through ${env:...}
        rc, out, _ = run(["--batch", "-", demo.url], "request GET /${WB_LANG_HOME}\n",
                         env={"WB_LANG_HOME": "x"})
        check(rc == 1 and "error: NameError: variable 'WB_LANG_HOME' is not set" in out, out)
        check(">>" not in out, "nothing was sent: " + out)
        rc, out, _ = run(["--batch", "-", demo.url], "send ${env:WB_LANG_UNSET}\n")
        check("error: NameError: environment variable 'WB_LANG_UNSET' is not set"
              in out, out)
        with open(env, "a") as f:
            f.write("broken line\n")
        rc, out, err = run(["--batch", "-", "--env", env], "state\n")
        check(rc == 2 and "line 5: expected NAME=VALUE, got 'broken line'" in err, err)
        rc, out, err = run(["--batch", "-", "--var", "=x"], "state\n")
        check(rc == 2 and "--var: expected NAME=VALUE" in err, err)


def test_secrets(demo):
    script = ('set --secret TOKEN hunter2\nset USER ada\nset\n'
              'request GET /echo -H "Authorization: Bearer ${TOKEN}"\n'
              'getresponse\nread\n'
              'putrequest GET /\nputheader X "a\\r\\n${TOKEN}"\n')
    rc, out, _ = run(["--batch", "-", "--keep-going", demo.url], script)
    echo = [l for l in out.splitlines() if l.startswith("wb> ")]
    check("wb> set --secret TOKEN <secret>" in echo, echo)
    check(not any("hunter2" in l for l in echo), "echo shows the secret: %r" % echo)
    check("TOKEN = <secret>" in out and "USER = 'ada'" in out, out)
    # on the wire (and in what the server echoes) the real bytes show
    check(">> Authorization: Bearer hunter2\\r\\n" in out, out)
    err = [l for l in out.splitlines() if l.startswith("error:")]
    check(len(err) == 1 and "<secret>" in err[0] and "hunter2" not in err[0], err)
    rc, out, _ = run(["--batch", "-", "--format", "json"],
                     "set --secret K v4lue\nset\n")
    objs = [json.loads(l) for l in out.splitlines()]
    check(objs[0]["line"] == "set --secret K <secret>", objs[0])
    check("v4lue" not in out, out)


# ---- captures and expectations --------------------------------------------

def test_captures(demo):
    srv = Server(json_handler)
    try:
        script = ("request GET /\ngetresponse\nset S from status\n"
                  "set C from header set-cookie\nread 20\nset R from regex "
                  '"\\"name\\": \\"([a-z]+)"\nread\nset N from json user.name\n'
                  "set ROLE from json user.roles[1]\nset ID from json user.id\n"
                  "set OK from json ok\nset B from body\n"
                  'send "${S}|${C}|${R}|${N}|${ROLE}|${ID}|${OK}"\n'
                  "set M from json user.nope\nset X from regex zzz(q)\n"
                  "set H from header X-Missing\n")
        rc, out, _ = run(["--batch", "-", "--keep-going", srv.url], script)
        # the regex saw only the 20 bytes read so far: "a" of "ada"
        check(">> 200|sid=abc; Path=/|a|ada|dev|7|true  [raw]" in out, out)
        check("error: ValueError: json path: no key 'nope'" in out, out)
        check("error: ValueError: regex 'zzz(q)' does not match the body read "
              "so far (%d bytes)" % len(json.dumps(DOC)) in out, out)
        check("error: ValueError: the response has no header 'X-Missing'" in out, out)
        # captures need a response
        rc, out, _ = run(["--batch", "-", srv.url], "set S from status\n")
        check("error: UsageError: no response yet: use getresponse" in out, out)
    finally:
        srv.close()


def test_expectations_pass(demo):
    sha = hashlib.sha256(b"abcde").hexdigest()
    script = ("request GET /bytes/5\ngetresponse\nexpect status 200\n"
              "expect header content-length = 5\n"
              "expect header Content-Type ~ ^application/\n"
              "expect header X-Nope absent\nexpect framing length\n"
              "read\nexpect body = abcde\nexpect body contains bcd\n"
              "expect body sha256 %s\nexpect chunks 0\n"
              "request GET /chunked?n=3&size=4\ngetresponse\nread 5\nread\n"
              "expect chunks 3\nexpect framing chunked\n"
              "expect body = abcdefghijkl\n"
              # a peek is no body read; a result between reads does not
              # touch the body; an empty first read starts it empty
              "request GET /chunked?n=3&size=4\ngetresponse\npeek 2\nread 4\n"
              "getheader Content-Type\nread 3\nread\nexpect body = abcdefghijkl\n"
              "request GET /bytes/5\ngetresponse\nread 0\nread\n"
              "expect body = abcde\n"
              "request GET /close\ngetresponse\nexpect framing length\n" % sha)
    rc, out, _ = run(["--batch", "-", demo.url], script)
    check(rc == 0 and "error:" not in out, out)


def test_expectations_fail(demo):
    script = ("request GET /status/404\ngetresponse\nexpect status 200\n"
              "state\nexpect header Server = apache\nexpect header Server absent\n"
              "read\nexpect body = nope\nexpect body contains zzz\n"
              "expect chunks 2\nexpect framing chunked\nexpect body sha256 00\n"
              "expect header X-No = 1\nexpect json a = 1\n")
    rc, out, _ = run(["--batch", "-", demo.url], script)
    check(rc == 1, "a failed expectation exits 1")
    check("error: AssertionError: expected status 200, got 404" in out, out)
    check("wb> state" not in out, "batch stops at the failure: " + out)
    rc, out, _ = run(["--batch", "-", "--keep-going", demo.url], script)
    check(rc == 1, "--keep-going still exits 1 at the end")
    check("state=Idle socket=yes pending=yes" in out,
          "the connection is untouched by a failed expectation: " + out)
    for want in ["expected header value 'apache', got 'wirebench-demo'",
                 "expected no header 'Server', got 'wirebench-demo'",
                 "expected body 'nope', got '404 Not Found",
                 "expected body to contain 'zzz', got '",
                 "expected chunks 2, got 0",
                 "expected framing chunked, got length",
                 "expected body sha256 '00', got '",
                 "expected header X-No, got no such header",
                 "error: ValueError: body is not JSON"]:
        check(want in out, "%r not in %s" % (want, out))
    check(out.count("error: AssertionError: ") == 9, out)


def test_expect_error(demo):
    script = ("expect error ValueError\nputrequest \"G\\tT\" /\n"
              "expect error ValueError\nstate\n"
              "expect error CannotSendRequest\nputrequest GET /x\n"
              "expect error TypeError\nputrequest GET /y\n"
              "expect error NameError\nsend ${UNSET}\n"
              "expect error NoSuchError\n")
    rc, out, _ = run(["--batch", "-", "--keep-going", demo.url], script)
    check("  = raised ValueError as expected: method can't contain control "
          "characters. 'G\\tT' (found at least '\\t')" in out, out)
    check("error: AssertionError: expected error ValueError, got no error" in out, out)
    check("  = raised CannotSendRequest as expected: Request-started" in out, out)
    check("error: AssertionError: expected error TypeError, got "
          "CannotSendRequest: Request-started" in out, out)
    check("  = raised NameError as expected: variable 'UNSET' is not set" in out, out)
    check("error: UsageError: no error named 'NoSuchError'" in out, out)
    rc, out, _ = run(["--batch", "-", "--format", "json", demo.url],
                     "expect error ValueError\nputrequest \"G\\tT\" /\n")
    objs = [json.loads(l) for l in out.splitlines()]
    check(rc == 0 and objs[-1]["ok"] and objs[-1]["expected_error"]["name"] == "ValueError",
          out)


# ---- source, quit, help ----------------------------------------------------

def test_source(demo):
    with tempfile.TemporaryDirectory() as d:
        sub = os.path.join(d, "sub")
        os.mkdir(sub)
        with open(os.path.join(sub, "body.txt"), "w") as f:
            f.write("from-a-file")
        with open(os.path.join(sub, "part.wb"), "w") as f:
            f.write("# wirebench session 1\n# << HTTP/1.1 200 OK (a recorded frame)\n"
                    "set P /echo\nrequest POST ${P} @body.txt\ngetresponse\n"
                    "read\nexpect body contains from-a-file\n")
        with open(os.path.join(d, "loop.wb"), "w") as f:
            f.write("source loop.wb\n")
        with open(os.path.join(d, "main.wb"), "w") as f:
            f.write("source sub/part.wb\nexpect status 200\nstate\n"
                    "source missing.wb\n")
        rc, out, _ = run(["--batch", os.path.join(d, "main.wb"), "--keep-going",
                          demo.url])
        check("wb> source sub/part.wb\nwb> set P /echo\nwb> request POST ${P} @body.txt"
              in out, out)
        check("from-a-file" in out and "wb> state" in out, out)
        check("error: FileNotFoundError: [Errno 2] No such file or directory: "
              "'missing.wb'" in out, out)
        # the REPL without a terminal echoes nothing it reads, but sourced
        # lines are shown as if typed
        rc, out, _ = run(["--repl", demo.url], "source %s\n" % os.path.join(sub, "part.wb"))
        check("wb> request POST ${P} @body.txt" in out, out)
        check("wb> source" in out, out)
        rc, out, _ = run(["--batch", os.path.join(d, "loop.wb")])
        check(rc == 1 and "error: RuntimeError: source nested more than 16 deep" in out,
              out[-500:])


def test_quit_exit_help(demo):
    for word in ("quit", "exit"):
        rc, out, _ = run(["--repl", demo.url], "state\n%s\nbogus\n" % word)
        check(rc == 0 and "bogus" not in out and "state=Idle" in out, out)
    rc, out, _ = run(["--batch", "-"], "help\nquit\nstate\n")
    check(rc == 0, out)
    lines = out.splitlines()
    for cmd in ("quit", "exit", "help [COMMAND]", "set [--secret] NAME VALUE",
                "expect status N", "source FILE"):
        check(any(l.startswith(cmd) for l in lines), "%r not listed:\n%s" % (cmd, out))
    check("wb> state" not in out, "quit ends the batch run")
    rc, out, _ = run(["--batch", "-"], "help quit\nhelp endheaders\n")
    check("quit\n  End wirebench" in out, out)
    check("endheaders [BODY | --pieces A B ...] [encode_chunked]" in out, out)


# ---- grammar and transcript details ----------------------------------------

def test_any_order(demo):
    for cmd in ("endheaders encode_chunked --pieces ab cd",
                "endheaders --pieces ab cd encode_chunked"):
        script = ("putrequest POST /echo\nputheader Transfer-Encoding chunked\n"
                  "%s\ngetresponse\nread\n" % cmd)
        rc, out, _ = run(["--batch", "-", demo.url], script)
        check(rc == 0 and ">> 2\\r\\n  [chunk-size = 2, chunk 1]" in out, cmd + "\n" + out)
    rc, out, _ = run(["--batch", "-", demo.url],
                     'request POST /echo -H "X-A: 1" --pieces hello encode_chunked\n'
                     "getresponse\nread\n")
    check(rc == 0 and ">> X-A: 1\\r\\n" in out and ">> hello  [chunk-data" in out, out)
    rc, out, _ = run(["--batch", "-", demo.url], "endheaders a b\n")
    check("error: UsageError: usage: endheaders [BODY | --pieces A B ...]" in out, out)


def test_transcript_details(demo):
    rc, out, _ = run(["--batch", "-", demo.url],
                     'request POST /echo "say \\"hi\\""\ngetresponse\nread 1\n'
                     "read\ngetresponse\n")
    check('  = 1 byte "P"' in out, out)
    check('say \\"hi\\""' in out.split("wb> read\n")[1], out)
    check("error: ResponseNotReady: Idle\n  !! hint: " in out, out)
    check(out.rstrip().endswith("-- end of run\n  ** socket closed"), out[-300:])


def test_nul_byte(demo):
    script = b"request POST /echo abc\x00def\nstate\n"
    r = subprocess.run([WB, "--batch", "-", "--keep-going", demo.url],
                       input=script, capture_output=True, timeout=30)
    out = r.stdout.decode()
    check(r.returncode == 1, out)
    check("wb> request POST /echo abc\\0def" in out, out)
    check("error: SyntaxError: line 1, column 23: NUL byte in the script" in out, out)
    check(">>" not in out, "nothing truncated was sent: " + out)
    check("state=Idle" in out, out)


# ---- interruptions and stats -------------------------------------------------

def interrupted(args, sig):
    srv = Server(silent_handler)
    srv.got_request = threading.Event()
    try:
        p = subprocess.Popen([WB] + args + [srv.url], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdin.write(b"request GET /\ngetresponse\nstate\n")
        p.stdin.flush()
        check(srv.got_request.wait(15), "the request arrived")
        time.sleep(0.1)  # getresponse is now waiting; no event tells when
        p.send_signal(sig)
        out, err = p.communicate(timeout=15)
        return p.returncode, out.decode(), err.decode()
    finally:
        terminate(p) if p.poll() is None else None
        srv.close()


def test_interrupted_batch(demo):
    rc, out, _ = interrupted(["--batch", "-"], signal.SIGTERM)
    check(rc == 143, "SIGTERM exits 143, got %d" % rc)
    check("wb> getresponse\nerror: KeyboardInterrupt" in out, out)
    check("wb> state" not in out, out)
    rc, out, _ = interrupted(["--batch", "-", "--format", "json"], signal.SIGINT)
    check(rc == 130, "SIGINT exits 130, got %d" % rc)
    objs = [json.loads(l) for l in out.splitlines()]
    check(objs[-1]["line"] == "getresponse"
          and objs[-1]["error"]["name"] == "KeyboardInterrupt", objs[-1])


def test_batch_to_a_pipe_flushes_every_command(demo):
    """A reader on a pipe sees each command's output as it ends, while the
    run goes on (a regular file is written in large pieces instead)."""
    import select
    p = subprocess.Popen([WB, "--batch", "-", demo.url], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(b"request GET /bytes/3\ngetresponse\nread\n")
        p.stdin.flush()
        got, deadline = b"", time.monotonic() + 10
        while b'= 3 bytes "abc"' not in got and time.monotonic() < deadline:
            ready, _, _ = select.select([p.stdout], [], [], 0.2)
            if ready:
                chunk = os.read(p.stdout.fileno(), 65536)
                if not chunk:
                    break
                got += chunk
        check(b'= 3 bytes "abc"' in got and p.poll() is None,
              "the output of a running batch reached the pipe: %r" % got)
        p.stdin.close()
        p.wait(timeout=15)
    finally:
        terminate(p)


def test_repl_survives_ctrl_c(demo):
    srv = Server(silent_handler)
    srv.got_request = threading.Event()
    p = subprocess.Popen([WB, "--repl", srv.url], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(b"request GET /\ngetresponse\n")
        p.stdin.flush()
        check(srv.got_request.wait(15), "the request arrived")
        time.sleep(0.1)
        p.send_signal(signal.SIGINT)
        time.sleep(0.2)
        p.send_signal(signal.SIGINT)  # while reading the next line
        p.stdin.write(b"state\n")
        p.stdin.close()
        out = p.stdout.read().decode()
        p.wait(timeout=15)
        check("error: KeyboardInterrupt" in out, out)
        check("state=" in out, "the REPL went on after Ctrl-C: " + out)
        check(p.returncode == 1, "a command failed: %d" % p.returncode)
    finally:
        if p.poll() is None:
            terminate(p)
        srv.close()


def test_stats_json(demo):
    script = "request GET /bytes/3\ngetresponse\nread\nbogus\n"
    for extra in ([], ["--keep-going"]):
        rc, out, _ = run(["--batch", "-", "--format", "json", "--stats"] + extra
                         + [demo.url], script)
        objs = []
        for line in out.splitlines():
            objs.append(json.loads(line, parse_constant=lambda c: 1 / 0))
        check(all(isinstance(o, dict) for o in objs), out)
        check(set(objs[-1]) == {"stats"} and objs[-1]["stats"]["requests"] == 1, objs[-1])
    rc, out, _ = run(["--batch", "-", "--format", "json"], "")
    check(rc == 0 and out == "", out)


# ---- the command line ---------------------------------------------------------

def test_command_line(demo):
    for args, msg in ((["--bogus"], "wirebench: unknown option '--bogus'"),
                      (["--format", "yaml"], "--format is text or json, got 'yaml'"),
                      (["--frame-bytes", "abc"], "--frame-bytes needs a number of bytes, got 'abc'"),
                      (["--batch"], "option '--batch' needs a value"),
                      (["--insecure"], "--insecure is an option of open and needs a URL"),
                      (["a", "b"], "unexpected argument 'b'")):
        rc, out, err = run(["--repl"] + args, "")
        check(rc == 2 and msg in err, "%r: %d %r" % (args, rc, err))
    rc, out, _ = run(["--version"])
    check(rc == 0 and re.fullmatch(r"wirebench \d+\.\d+\.\d+\n", out), out)
    rc, out, _ = run(["--batch", "-", demo.url, "--timeout", "5", "--blocksize", "3"],
                     "state\n")
    check(rc == 0 and "wb> open %s --timeout 5 --blocksize 3" % demo.url in out, out)
    rc, out, _ = run(["--batch", "-", demo.url, "--cafile", "x"], "state\n")
    check(rc == 1 and "TLS options need an https:// URL" in out, out)


def main():
    passed = failed = 0
    with Demo() as demo:
        for name, fn in sorted(globals().items()):
            if not name.startswith("test_"):
                continue
            start = time.time()
            try:
                fn(demo)
                passed += 1
                print("ok   %s (%.1fs)" % (name, time.time() - start))
            except Exception as e:  # report and go on with the next test
                failed += 1
                print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
