"""Batch mode and the plain REPL against the demo server.

Golden transcripts: each sessions/NAME.wb runs with `wirebench --batch`
against a demo server started here, and its transcript must equal
sessions/NAME.out (the demo server's port is written $PORT there).
Further checks: exit status, --keep-going, --stats, JSON Lines output, the
REPL continuing after errors, @file bodies, and bounded memory while a
1 GiB body streams through.
"""
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from netpeers import terminate  # noqa: E402
WB = os.environ.get("WB", os.path.join(HERE, "..", "..", "build", "wirebench"))
UPDATE = os.environ.get("WB_UPDATE_GOLDEN") == "1"


class Demo:
    """The demo server on a free loopback port."""

    def __enter__(self):
        self.proc = subprocess.Popen([WB, "--serve", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("demo server did not start: %r" % line)
        self.port = int(m.group(1))
        self.url = "http://127.0.0.1:%d" % self.port
        return self

    def __exit__(self, *exc):
        terminate(self.proc)


def run(args, script=None, timeout=60):
    return subprocess.run([WB] + args, input=script, capture_output=True,
                          text=True, timeout=timeout)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def golden(demo, name):
    path = os.path.join(HERE, "sessions", name + ".wb")
    with open(path) as f:
        script = f.read().replace("$DEMO", demo.url)
    tmp = os.path.join(tempfile.gettempdir(), "wb-%d-%s.wb" % (os.getpid(), name))
    with open(tmp, "w") as f:
        f.write(script)
    try:
        r = run(["--batch", tmp, "--keep-going"])
    finally:
        os.unlink(tmp)
    got = r.stdout.replace(str(demo.port), "$PORT")
    out = os.path.join(HERE, "sessions", name + ".out")
    if UPDATE:
        with open(out, "w") as f:
            f.write(got)
    with open(out) as f:
        want = f.read()
    if got != want:
        import difflib
        diff = "".join(difflib.unified_diff(want.splitlines(True),
                                            got.splitlines(True), "want", "got"))
        raise AssertionError("transcript differs:\n" + diff[:4000])


def test_exit_status(demo):
    r = run(["--batch", "-"], "open %s\nputheader X 1\nstate\n" % demo.url)
    check(r.returncode == 1, "first error stops with status 1")
    check("error: CannotSendHeader: " in r.stdout, r.stdout)
    check("wb> state" not in r.stdout, "nothing runs after the error")
    r = run(["--batch", "-", "--keep-going"], "open %s\nputheader X 1\nstate\n" % demo.url)
    check(r.returncode == 1 and "state=Idle" in r.stdout, r.stdout)
    r = run(["--batch", "-"], "open %s\nstate\n" % demo.url)
    check(r.returncode == 0, "success is status 0")


def test_stats(demo):
    script = "open %s --timeout 5\n" % demo.url
    script += "request GET /bytes/10\ngetresponse\nread\n" * 5
    r = run(["--batch", "-", "--stats"], script)
    last = r.stdout.strip().splitlines()[-1]
    m = re.fullmatch(r"requests=(\d+) connects=(\d+) bytes_out=(\d+) "
                     r"bytes_in=(\d+) seconds=[0-9.]+", last)
    check(m, "stats line: %r" % last)
    check(m.group(1) == "5" and m.group(2) == "1", last)
    one = len("GET /bytes/10 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
              "Accept-Encoding: identity\r\n\r\n" % demo.port)
    check(int(m.group(3)) == 5 * one, "bytes_out counts the wire: " + last)


def test_json(demo):
    script = ("open %s --timeout 5\nrequest GET /chunked?n=2&size=3\n"
              "getresponse\nread\ngetresponse\n" % demo.url)
    r = run(["--batch", "-", "--format", "json", "--keep-going"], script)
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    check(len(objs) == 5, "one object per command")
    check(objs[2]["result"]["status"] == 200 and objs[2]["result"]["chunked"], objs[2])
    sizes = [f["chunk_size"] for f in objs[3]["frames"] if f["kind"] == "chunk-size"]
    check(sizes == [3, 3], "chunk sizes %r" % sizes)
    check(objs[3]["result"]["data"] == "abcabc" or objs[3]["result"]["bytes"] == 6, objs[3])
    check(objs[4]["error"]["name"] == "ResponseNotReady"
          and objs[4]["error"]["message"] == "Idle", objs[4])
    kinds = [f["kind"] for f in objs[1]["frames"]]
    check(kinds[:3] == ["request-line", "header", "header"], kinds)


def test_repl_keeps_going(demo):
    script = "open %s --timeout 5\nbogus\nputrequest GET /\nendheaders\ngetresponse\n" % demo.url
    r = run(["--repl"], script)
    check(r.returncode == 1, "REPL reports that a command failed")
    check("error: UsageError: unknown command 'bogus'" in r.stdout, r.stdout)
    check("= 200 OK" in r.stdout, "the REPL went on after the error")


def test_file_body(demo):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "body.bin"), "wb") as f:
            f.write(b"x" * 20000)
        with open(os.path.join(d, "s.wb"), "w") as f:
            f.write("open %s --timeout 5\nrequest PUT /echo @body.bin\n"
                    "getresponse\nread\n" % demo.url)
        r = run(["--batch", os.path.join(d, "s.wb"), "--format", "json"])
        objs = [json.loads(line) for line in r.stdout.splitlines()]
        sizes = [f["chunk_size"] for f in objs[1]["frames"] if f["kind"] == "chunk-size"]
        check(sizes == [8192, 8192, 3616], "blocksize pieces %r" % sizes)
        check(objs[3]["result"]["bytes"] > 20000, objs[3]["result"]["bytes"])
        r = run(["--batch", "-"], "open %s\nrequest PUT / @missing.bin\n" % demo.url)
        check("error: FileNotFoundError: [Errno 2] No such file or directory: "
              "'missing.bin'" in r.stdout, r.stdout)


def test_gigabyte_streams(demo):
    size = 1 << 30
    script = ("open %s --timeout 20\nrequest GET /bytes/%d\ngetresponse\nread\n"
              % (demo.url, size))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = run(["--batch", "-", "--stats"], script, timeout=240)
    rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    check(r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:])
    check("= %d bytes" % size in r.stdout, "the whole body was read")
    if not os.environ.get("WB_SANITIZED"):
        check(rss_kib < 16 * 1024 or rss_kib == before,
              "peak RSS %d KiB while 1 GiB streamed" % rss_kib)


def main():
    names = sorted(n[:-3] for n in os.listdir(os.path.join(HERE, "sessions"))
                   if n.endswith(".wb"))
    passed = failed = 0
    with Demo() as demo:
        tests = [("golden " + n, lambda n=n: golden(demo, n)) for n in names]
        tests += [(name, lambda f=f: f(demo)) for name, f in sorted(globals().items())
                  if name.startswith("test_")]
        for name, fn in tests:
            start = time.time()
            try:
                fn()
                passed += 1
                print("ok   %s (%.1fs)" % (name, time.time() - start))
            except Exception as e:  # report and go on with the next test
                failed += 1
                print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
