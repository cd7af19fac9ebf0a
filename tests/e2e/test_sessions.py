"""Sessions end to end: --record, --batch --offline, save and redaction in
the REPL, atomic saves under kill -9, --recover, corrupt files, and
--replay's exit codes against the demo server and framing peers.
"""
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from test_batch import Demo, check, run  # noqa: E402

WB = os.environ.get("WB", os.path.join(HERE, "..", "..", "build", "wirebench"))
TMP = tempfile.mkdtemp(prefix="wb-sessions-")
ENV = dict(os.environ, XDG_STATE_HOME=os.path.join(TMP, "state"))


def path(name):
    return os.path.join(TMP, name)


def write(name, text):
    with open(path(name), "w") as f:
        f.write(text)
    return path(name)


def read(name):
    with open(path(name), errors="surrogateescape") as f:
        return f.read()


def repl(script, args=(), timeout=60):
    return subprocess.run([WB, "--repl"] + list(args), input=script,
                          capture_output=True, text=True, timeout=timeout,
                          env=ENV)


SCRIPT = """open {url} --timeout 5
request GET /chunked?n=3&size=10
getresponse
read
state
putrequest GET /headers/3
putheader X-Trace "a b"
endheaders
getresponse
getheaders
read 4
read
getresponse
"""


def record(demo, name, script=SCRIPT, extra=()):
    src = write(name + ".src", script.format(url=demo.url))
    r = run(["--batch", src, "--keep-going", "--record", path(name)] + list(extra))
    return r


def test_record_then_offline_prints_the_same(demo):
    live = record(demo, "rec.wb")
    check(live.returncode == 1, "one recorded command failed: %r" % live.stderr)
    first = read("rec.wb").splitlines()[0]
    check(first == "# wirebench session 1", first)
    off = run(["--batch", "--offline", path("rec.wb")])
    check(off.returncode == 1, "offline status follows the recording")
    check(off.stdout == live.stdout, "offline transcript differs:\n%s\n---\n%s"
          % (live.stdout, off.stdout))
    check("** socket closed" in off.stdout, "the closing note is recorded")
    # the recording is a script: --batch re-runs its commands
    again = run(["--batch", path("rec.wb"), "--keep-going"])
    check(again.stdout == live.stdout, "re-running the session file")


def test_expected_errors_and_end_of_run_offline(demo):
    """An error announced by `expect error` reads back as expected, and the
    closing note after the last command stays under "-- end of run"."""
    script = ("open {url}\nrequest GET /bytes/3\ngetresponse\n"
              "expect error CannotSendHeader\nputheader X y\n"
              "read\nexpect error ResponseNotReady\ngetresponse\n"
              "request GET /bytes/2\n")
    live = record(demo, "expected.wb", script)
    check(live.returncode == 0, live.stdout[-2000:])
    check(live.stdout.count("as expected") == 2, live.stdout[-2000:])
    check("-- end of run\n" in live.stdout, live.stdout[-500:])
    off = run(["--batch", "--offline", path("expected.wb")])
    check(off.returncode == 0, "offline: the announced errors are not failures")
    check(off.stdout == live.stdout, "offline transcript differs:\n%s\n---\n%s"
          % (live.stdout, off.stdout))


def test_secret_variables_never_saved(demo):
    """`set --secret` values never reach a saved file: not in the command
    line, not in the frames that carried them on the wire."""
    secret = "s3cr3t-Tok3n-42"
    script = ("open {url}\nset --secret TOKEN %s\n"
              "request GET /echo -H \"Authorization: Bearer ${{TOKEN}}\" "
              "-H \"X-Also: ${{TOKEN}}\"\ngetresponse\nread\n" % secret)
    live = record(demo, "secret.wb", script)
    check(live.returncode == 0, live.stdout[-2000:])
    check("set --secret TOKEN <secret>" in live.stdout,
          "the echoed command hides the secret (the wire frames show it)")
    text = read("secret.wb")
    check(secret not in text, "a secret in the saved file:\n" + text)
    check("X-Also: " in text and "${TOKEN}" in text, text[:2000])
    r = repl("open %s\nset --secret K %s\nrequest GET /echo -H \"X-K: ${K}\"\n"
             "getresponse\nread\nsave %s\n" % (demo.url, secret, path("s2.wb")))
    check(os.path.exists(path("s2.wb")), r.stdout[-1000:] + r.stderr[-1000:])
    check(secret not in read("s2.wb"), "a secret saved from the REPL")
    state = os.path.join(TMP, "state", "wirebench")
    for name in os.listdir(state) if os.path.isdir(state) else []:
        with open(os.path.join(state, name), errors="replace") as f:
            check(secret not in f.read(), "a secret in the recovery file " + name)


def test_saved_secret_needs_its_value_again(demo):
    """A session saved with a secret re-runs only when the value is given
    again (--var), and then sends it; without it, NameError names it."""
    script = ("open {url}\nset --secret TOKEN hunter2-xyz\n"
              "request GET /echo -H \"X-T: ${{TOKEN}}\"\ngetresponse\n"
              "read\nexpect body contains \"X-T: ${{TOKEN}}\"\n")
    live = record(demo, "sec2.wb", script)
    check(live.returncode == 0, live.stdout[-1500:])
    bare = run(["--batch", path("sec2.wb")])
    check(bare.returncode == 1 and "NameError: secret 'TOKEN' was saved" in bare.stdout,
          bare.stdout[-1500:])
    given = run(["--batch", path("sec2.wb"), "--var", "TOKEN=hunter2-xyz"])
    check(given.returncode == 0, given.stdout[-1500:])
    rep = run(["--replay", path("sec2.wb"), "--var", "TOKEN=hunter2-xyz"])
    check(rep.returncode == 0, rep.stdout[-1500:] + rep.stderr[-500:])


def test_recording_memory_is_bounded(demo):
    """A body far larger than the recording's 64 MiB keeps bounded memory:
    the late frames are listed without their bytes (len=N unrecorded),
    save says so, and the file still plays offline and replays."""
    import resource
    size = 150 * 1000 * 1000
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = repl("request GET /bytes/%d\ngetresponse\nread\nsave %s\n"
             % (size, path("huge.wb")), [demo.url], timeout=120)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    check("came after the recording's first 64 MiB" in r.stdout,
          r.stdout[-1500:] + r.stderr[-500:])
    if not os.environ.get("WB_SANITIZED"):
        check(rss < 200 * 1024 or rss == before, "peak RSS %d KiB" % rss)
    text = read("huge.wb")
    check(" unrecorded\n" in text, "frames listed without bytes")
    off = run(["--batch", "--offline", path("huge.wb")])
    check(off.returncode == 0 and "= %d bytes" % size in off.stdout,
          off.stdout[-600:])
    rep = run(["--replay", path("huge.wb"), demo.url], timeout=120)
    check(rep.returncode == 0, rep.stdout[-1000:] + rep.stderr[-500:])


def test_offline_needs_no_network(demo):
    record(demo, "net.wb")
    with open(path("net.wb")) as f:
        text = f.read()
    # point open at a port nobody listens on: offline never connects
    moved = write("moved.wb", text.replace(demo.url, "http://127.0.0.1:1"))
    off = run(["--batch", "--offline", moved])
    check("ConnectionRefused" not in off.stdout and "= 200 OK" in off.stdout,
          off.stdout[:400])


def test_big_frames_whole_and_side_files(demo):
    script = "open {url}\nrequest GET /bytes/200000\ngetresponse\nread\n"
    live = record(demo, "big.wb", script, ["--frame-bytes", "300000"])
    check(live.returncode == 0, live.stderr)
    body = "abcdefghijklmnopqrstuvwxyz" * 8000
    check(body[:200000] in live.stdout, "--frame-bytes above 4096 shows the frame whole")
    sides = os.listdir(path("big.wb.d"))
    check(len(sides) >= 1 and all(s.endswith(".bin") for s in sides), sides)
    data = [l for l in read("big.wb").splitlines() if l.startswith("#= data")]
    check(len(data) == 1 and " 200000 len=200000 file=" in data[0] and "sha256=" in data[0],
          "a body over 64 KiB lives in a side file: %r" % data)
    off = run(["--batch", "--offline", path("big.wb"), "--frame-bytes", "300000"])
    check(off.stdout == live.stdout, "offline with side files")
    # cut frames say how long they were, in text and JSON
    small = run(["--batch", "--offline", path("big.wb"), "--frame-bytes", "10"])
    cuts = re.findall(r"\.\.\.\(\+(\d+) bytes, (\d+) in all\)  \[body\]", small.stdout)
    check(cuts and sum(int(m) for _, m in cuts) == 200000
          and all(int(m) == int(p) + 10 for p, m in cuts), small.stdout[-600:])
    js = run(["--batch", "-", "--format", "json"],
             "open %s\nrequest GET /bytes/9000\ngetresponse\nread\n" % demo.url)
    objs = [json.loads(l) for l in js.stdout.splitlines()]
    frames = [f for f in objs[3]["frames"] if f["kind"] == "body"]
    check(frames and sum(len(f["data"]) for f in frames) == 9000
          and all(not f["truncated"] and f["len"] == len(f["data"]) for f in frames),
          "JSON frames keep every byte: %r" % [(f["len"], f["truncated"]) for f in frames])
    # an altered side file is named
    with open(os.path.join(path("big.wb.d"), sides[0]), "ab") as f:
        f.write(b"x")
    bad = run(["--batch", "--offline", path("big.wb")])
    check(bad.returncode == 2 and sides[0] in bad.stderr and "altered" in bad.stderr,
          bad.stderr)


def test_corrupt_and_newer_files():
    bad = write("bad.wb", "# wirebench session 1\nopen x\n#> 1 out nonsense wire +0 \"\"\n")
    r = run(["--batch", "--offline", bad])
    check(r.returncode == 2 and "bad.wb:3: expected a frame kind" in r.stderr, r.stderr)
    newer = write("newer.wb", "# wirebench session 9\nopen x\n")
    r = run(["--replay", newer])
    check(r.returncode == 2 and "version 9 is newer" in r.stderr, r.stderr)
    r = run(["--batch", "-"], "save %s\n" % path("nope.wb"))
    check(r.returncode == 1 and "SessionError: this run is not recorded" in r.stdout
          and not os.path.exists(path("nope.wb")), r.stdout)
    r = run(["--replay", path("absent.wb")])
    check(r.returncode == 2 and "FileNotFoundError" in r.stderr, r.stderr)


def test_save_in_the_repl_and_redaction(demo):
    secret = "s3cr3t-token"
    script = ("open %s\nputrequest POST /echo\nputheader Authorization \"Bearer %s\"\n"
              "putheader X-Api-Key k-%s\nputheader Content-Length 2\n"
              "endheaders \"hi\"\ngetresponse\nread\nsave --redact "
              "--redact-header X-Api-Key %s\nsave %s\n"
              % (demo.url, secret, secret, path("red.wb"), path("plain.wb")))
    r = repl(script)
    check("saved 8 commands to " + path("red.wb") in r.stdout, r.stdout[-500:])
    red = read("red.wb")
    check(secret not in red, "no secret in the redacted file")
    check("Authorization: <redacted>" in red and "X-Api-Key <redacted>" in red, red[:800])
    check(secret in read("plain.wb"), "without --redact the file is exact")
    # a bare save writes where the last save did
    r = repl("open %s\nsave %s\nstate\nsave\n" % (demo.url, path("again.wb")))
    check(r.stdout.count("saved") == 2 and "state" in read("again.wb"), r.stdout)
    # a file that is not a session is not replaced without --force
    notes = write("notes.txt", "my notes\n")
    r = repl("open %s\nsave %s\n" % (demo.url, notes))
    check("SessionError" in r.stdout and read("notes.txt") == "my notes\n", r.stdout)
    r = repl("open %s\nsave --force %s\n" % (demo.url, notes))
    check(read("notes.txt").startswith("# wirebench session 1"), "--force replaces")


def test_kill_during_save_never_tears(demo):
    """kill -9 at random moments of a save loop: the file is the old or the
    new session, never a torn one."""
    script = "open %s\nrequest GET /bytes/150000\ngetresponse\nread\n" % demo.url
    script += "save %s\n" % path("kill.wb") * 300
    rng = random.Random(7)
    for i in range(12):
        if os.path.exists(path("kill.wb")):
            os.unlink(path("kill.wb"))
        p = subprocess.Popen([WB, "--repl"], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=ENV, text=True)
        p.stdin.write(script)
        p.stdin.close()
        deadline = time.time() + 10
        while not os.path.exists(path("kill.wb")) and time.time() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)
        r = run(["--batch", "--offline", path("kill.wb")])
        check(r.returncode == 0 and "= 150000 bytes" in r.stdout,
              "round %d: torn or unreadable: %s" % (i, r.stderr))


def test_recover(demo):
    state = os.path.join(TMP, "state", "wirebench")
    shutil.rmtree(state, ignore_errors=True)
    repl("open %s\nrequest GET /headers/2\ngetresponse\n" % demo.url)
    files = [f for f in os.listdir(state) if f.endswith(".wb")]
    check(len(files) == 1, "one recovery file: %r" % files)
    check(oct(os.stat(state).st_mode & 0o777) == "0o700", "state folder is private")
    r = repl("state\nsave %s\n" % path("rec2.wb"), ["--recover"])
    check("recovered 3 commands" in r.stderr, r.stderr)
    text = read("rec2.wb")
    check("request GET /headers/2" in text and "\nstate\n" in text, text[:400])


def test_replay_unchanged_and_edited(demo):
    record(demo, "rp.wb")
    r = run(["--replay", path("rp.wb")])
    check(r.returncode == 0 and "0 differences" in r.stdout, r.stdout + r.stderr)
    text = read("rp.wb")
    edited = write("rp-edit.wb", text.replace('"X-Header-2: 2\\r\\n"', '"X-Header-2: 1.4\\r\\n"'))
    r = run(["--replay", edited])
    check(r.returncode == 1, "a difference is status 1")
    check('command 9 (getresponse): header X-Header-2: "1.4" -> "2"' in r.stdout, r.stdout)
    check(r.stdout.count("\n") == 2, "only that difference: " + r.stdout)
    # a server-side change: more chunks than recorded
    more = write("rp-more.wb", text.replace("/chunked?n=3&size=10", "/chunked?n=4&size=10", 1))
    r = run(["--replay", more])
    check(r.returncode == 1 and "command 3 (getresponse): framing changed: chunked "
          "(3 chunks: 10, 10, 10) -> chunked (4 chunks: 10, 10, 10, 10)" in r.stdout,
          r.stdout)
    # --ignore-header silences one
    r = run(["--replay", edited, "--ignore-header", "x-header-2"])
    check(r.returncode == 0, r.stdout)
    # the replay itself fails: exit 2
    r = run(["--replay", path("rp.wb"), "http://127.0.0.1:1"])
    check(r.returncode == 2 and "ConnectionRefusedError" in r.stderr, r.stderr)
    # the replay command in the REPL
    r = repl("replay %s\n" % edited)
    check("header X-Header-2" in r.stdout and "1 difference" in r.stdout, r.stdout)
    # --step pauses in the workbench only: without a terminal it is refused
    r = run(["--replay", edited, "--step"])
    check(r.returncode == 2 and "needs a terminal" in r.stderr, r.stderr)
    r = repl("replay --step %s\n" % edited)
    check("pauses in the workbench only" in r.stdout + r.stderr
          and "difference" not in r.stdout, r.stdout + r.stderr)
    # --offline without a terminal prints the transcript, as --batch does
    r = run(["--offline", path("rp.wb")])
    o = run(["--batch", "--offline", path("rp.wb")])
    check(r.stdout == o.stdout and "wb> getresponse" in r.stdout, r.stdout)


class FramingPeer:
    """Answers every request with the same 30 bytes, framed by length or
    by chunks of 10."""

    def __init__(self, chunked):
        self.chunked = chunked
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            c.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                more = c.recv(4096)
                if not more:
                    break
                data += more
            body = b"abcdefghij" * 3
            if self.chunked:
                c.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          + b"a\r\nabcdefghij\r\n" * 3 + b"0\r\n\r\n")
            else:
                c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n" + body)
            c.close()

    def close(self):
        self.sock.close()


def test_replay_framing_only_change():
    a, b = FramingPeer(False), FramingPeer(True)
    try:
        src = write("fr.src", "open %s\nrequest GET /doc\ngetresponse\nread\n" % a.url)
        r = run(["--batch", src, "--record", path("fr.wb")])
        check(r.returncode == 0, r.stdout + r.stderr)
        r = run(["--replay", path("fr.wb"), b.url])
        check(r.returncode == 1, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        check(lines[0] == "command 3 (getresponse): framing changed: "
              "Content-Length 30 -> chunked (3 chunks: 10, 10, 10)", lines)
        check(len(lines) == 2, "framing is the only difference: %r" % lines)
    finally:
        a.close()
        b.close()


def main():
    passed = failed = 0
    try:
        with Demo() as demo:
            tests = sorted((n, f) for n, f in globals().items() if n.startswith("test_"))
            for name, fn in tests:
                start = time.time()
                try:
                    fn(demo) if fn.__code__.co_argcount else fn()
                    passed += 1
                    print("ok   %s (%.1fs)" % (name, time.time() - start))
                except Exception as e:  # report and go on
                    failed += 1
                    print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
