"""The suite's memory check: unit tests and batch runs under valgrind.

Runs, on the plain build (BUILD, default build), every unit test binary and
a representative set of end-to-end runs under
`valgrind --leak-check=full --error-exitcode=1`, with the demo server
itself (and every connection child it forks) under valgrind as well:

- each golden session of tests/e2e/sessions (its transcript must still
  match the .out file),
- each lesson of sessions/ that needs only the demo server (must exit 0),
- JSON Lines output, --stats, the REPL on piped input, an @file body, a
  refused connection and a missing file.

Every valgrind process writes its own log; a check passes only when the
program did what it should and its log holds no report. With --quick only
the unit tests, three golden sessions and the JSON run are done (the
subset `make test` runs). Prints "N passed, N failed" last.
"""
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))
WB = os.path.join(BUILD, "wirebench")
LOGS = tempfile.mkdtemp(prefix="wb-valgrind-")
VG = ["valgrind", "-q", "--leak-check=full", "--error-exitcode=1",
      "--errors-for-leak-kinds=definite,indirect,possible",
      "--show-leak-kinds=definite,indirect,possible",
      "--suppressions=" + os.path.join(ROOT, "tests", "valgrind",
                                       "wirebench.supp"),
      "--log-file=" + os.path.join(LOGS, "vg.%p.log")]
QUICK = "--quick" in sys.argv
passed = failed = 0


def clean_env():
    return {k: v for k, v in os.environ.items()
            if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                                 "no_proxy", "sslkeylogfile")}


def reports():
    """The valgrind logs with anything in them (-q: only reports)."""
    found = []
    for path in sorted(glob.glob(os.path.join(LOGS, "vg.*.log"))):
        with open(path, errors="replace") as f:
            text = f.read()
        if text.strip():
            found.append((path, text))
    return found


def check(name, fn):
    """Runs fn (raises on failure); any new valgrind report fails it too."""
    global passed, failed
    before = {p for p, _ in reports()}
    start = time.time()
    try:
        fn()
        new = [(p, t) for p, t in reports() if p not in before]
        if new:
            raise AssertionError("valgrind reported:\n" +
                                 "\n".join(t[:3000] for _, t in new))
        passed += 1
        print("ok   %s (%.1fs)" % (name, time.time() - start))
    except Exception as e:  # report and go on with the next check
        failed += 1
        print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    sys.stdout.flush()


def run(args, stdin=None, timeout=300):
    return subprocess.run(VG + [WB] + args, input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=clean_env(),
                          cwd=ROOT, errors="replace")


class Demo:
    """The demo server, under valgrind, on a free loopback port."""

    def __enter__(self):
        self.proc = subprocess.Popen(VG + [WB, "--serve", "0"],
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True,
                                     env=clean_env())
        line = self.proc.stdout.readline()  # bounded: the server prints it first
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("demo server did not start: %r" % line)
        self.port = int(m.group(1))
        self.url = "http://127.0.0.1:%d" % self.port
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        # connection children exit on their own once their client is gone
        deadline = time.time() + 30
        while time.time() < deadline and self.children():
            time.sleep(0.2)

    def children(self):
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)],
                             capture_output=True, text=True).stdout
        return out.split()


def unit(path):
    def fn():
        r = subprocess.run(VG + [path], capture_output=True, text=True,
                           timeout=300, errors="replace")
        if r.returncode != 0:
            raise AssertionError("exit %d\n%s" % (r.returncode, r.stdout[-2000:]))
    return fn


def golden(demo, name):
    def fn():
        with open(os.path.join(ROOT, "tests", "e2e", "sessions", name + ".wb")) as f:
            script = f.read().replace("$DEMO", demo.url)
        with tempfile.NamedTemporaryFile("w", suffix=".wb", delete=False) as f:
            f.write(script)
        try:
            r = run(["--batch", f.name, "--keep-going"])
        finally:
            os.unlink(f.name)
        with open(os.path.join(ROOT, "tests", "e2e", "sessions", name + ".out")) as f:
            want = f.read()
        got = r.stdout.replace(str(demo.port), "$PORT")
        if got != want:
            import difflib
            diff = "".join(difflib.unified_diff(want.splitlines(True),
                                                got.splitlines(True), "want", "got"))
            raise AssertionError("transcript differs:\n" + diff[:3000])
    return fn


def lesson(demo, name):
    def fn():
        r = run(["--batch", os.path.join("sessions", name), demo.url])
        if r.returncode != 0 or re.search(r"^error:", r.stdout, re.M):
            raise AssertionError("exit %d\n%s" % (r.returncode, r.stdout[-3000:]))
    return fn


def json_lines(demo):
    def fn():
        script = ("open %s\nrequest POST /echo hello\ngetresponse\nread\n"
                  "getheader Content-Type\nread\n" % demo.url)
        r = run(["--batch", "-", "--format", "json", "--keep-going"], script)
        lines = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        oks = [l.get("ok") for l in lines if "ok" in l]
        if r.returncode != 0 or oks != [True] * 6:
            raise AssertionError("exit %d, %d lines\n%s"
                                 % (r.returncode, len(lines), r.stdout[-2000:]))
    return fn


def repl(demo):
    def fn():
        script = ("open %s\nbogus\nrequest GET /\ngetresponse\nread 5\n"
                  "read\nstate\nhelp\n" % demo.url)
        r = run(["--repl"], script)
        if "bogus" not in r.stdout + r.stderr or "200" not in r.stdout:
            raise AssertionError("exit %d\n%s" % (r.returncode, r.stdout[-2000:]))
    return fn


def file_body_and_stats(demo):
    def fn():
        d = tempfile.mkdtemp()
        try:
            with open(os.path.join(d, "body.bin"), "wb") as f:
                f.write(bytes(range(256)) * 64)
            script = ("open %s\nrequest PUT /echo @body.bin\ngetresponse\n"
                      "read\nrequest PUT /echo @missing.bin\n" % demo.url)
            with open(os.path.join(d, "s.wb"), "w") as f:
                f.write(script)
            r = run(["--batch", os.path.join(d, "s.wb"), "--keep-going", "--stats"])
            out = r.stdout + r.stderr
            # 64 chunks of 256 bytes in 8192-byte blocks: two chunks
            # and the last one echoed back
            if (r.returncode != 1 or "FileNotFoundError" not in out
                    or out.count("2000\\r\\n") < 2 or "requests=1" not in out):
                raise AssertionError("exit %d\n%s" % (r.returncode, out[-2000:]))
        finally:
            shutil.rmtree(d)
    return fn


def refused():
    def fn():
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()  # nothing listens there now
        r = run(["--batch", "-"], "open http://127.0.0.1:%d\nrequest GET /\n" % port)
        if "ConnectionRefusedError" not in r.stdout + r.stderr:
            raise AssertionError("exit %d\n%s" % (r.returncode, r.stdout[-2000:]))
    return fn


def main():
    if not shutil.which("valgrind"):
        print("valgrind is missing: run make deps")
        print("0 passed, 1 failed")
        return 1
    units = sorted(p for p in glob.glob(os.path.join(BUILD, "tests", "test_*"))
                   if os.access(p, os.X_OK) and not p.endswith(".d"))
    for p in units:
        check("unit " + os.path.basename(p), unit(p))
    names = sorted(n[:-3] for n in os.listdir(os.path.join(ROOT, "tests", "e2e", "sessions"))
                   if n.endswith(".wb"))
    lessons = sorted(n for n in os.listdir(os.path.join(ROOT, "sessions"))
                     if n.endswith(".wb") and not n.startswith("10-"))
    if QUICK:
        names = [n for n in names if n in ("bad_input", "chunked_upload", "keepalive")]
        lessons = []
    with Demo() as demo:
        for n in names:
            check("golden " + n, golden(demo, n))
        for n in lessons:
            check("lesson " + n, lesson(demo, n))
        check("json lines", json_lines(demo))
        if not QUICK:
            check("repl on piped input", repl(demo))
            check("@file body, --stats, missing file", file_body_and_stats(demo))
            check("refused connection", refused())
    # the server and its children have exited: their logs are complete
    check("demo server and its connection children", lambda: None)
    print("%d passed, %d failed" % (passed, failed))
    if not failed:
        shutil.rmtree(LOGS)
    else:
        print("valgrind logs kept in " + LOGS)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
