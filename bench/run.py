"""The wirebench benchmark: W1-W5 with raw, libcurl, curl CLI, http.client
and wirebench side by side (see bench/README.md).

  W1   N keep-alive GETs of 100 B over one connection (nginx)
  W2   M GETs of 100 B, "Connection: close", a new connection each (nginx)
  W3   an upload of SIZE bytes, a file body sent chunked in 64 KiB chunks,
       to bench/sinksrc.c; W3n the same to nginx
  W4a  a chunked download of SIZE bytes in 64 KiB chunks (sinksrc)
  W4c  a Content-Length download of SIZE bytes (nginx)
  W5   W1 over TLS 1.3 with a self-signed certificate (nginx)

Every round runs every client once per workload, the order rotated from
round to round; the table shows medians and ratios to the raw client.
wirebench runs its batch mode with the wire tap recording and the text
transcript written to a file. Every client's work is checked (requests,
connections, bytes) or the run fails. Then callgrind instructions per
request (W1, W5: the difference between two request counts, so start-up
cancels) and strace system calls per request or per MiB.

Usage: python3 bench/run.py WIREBENCH [--rounds R] [--smoke]
       [--only W1,W5] [--no-profile]
--smoke: tiny sizes, one round, for CI; timing is never judged.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from nginxctl import Nginx  # noqa: E402
from netpeers import terminate  # noqa: E402

SMALL = b"x" * 99 + b"\n"  # the 100-byte file of W1, W2, W5
CLIENTS = ["raw", "libcurl", "curl CLI", "http.client", "wirebench"]
TARGETS = {"W1": "≤ 1.10×", "W2": "≤ 1.10×", "W3": "≤ 1.0×, ≤ libcurl",
           "W3n": "≤ 1.0×, ≤ libcurl", "W4a": "≤ 1.0×", "W4c": "≤ 1.05×",
           "W5": "≤ 1.15×"}


class Failed(Exception):
    pass


def sh(argv, **kw):
    return subprocess.run(argv, check=True, **kw)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def build(tmp):
    out = {}
    for name, libs in (("rawclient", ["-lssl", "-lcrypto"]),
                       ("curlclient", ["-lcurl"]), ("sinksrc", [])):
        out[name] = os.path.join(tmp, name)
        sh(["cc", "-O2", "-Wall", "-Werror", "-o", out[name],
            os.path.join(HERE, name + ".c")] + libs)
    return out


def make_cert(tmp):
    """A self-signed certificate for 127.0.0.1, trusted as its own CA."""
    crt, key = os.path.join(tmp, "self.pem"), os.path.join(tmp, "self.key")
    sh(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", crt,
        "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return crt, key


def wait_portfile(path, proc, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise Failed("sinksrc exited")
        try:
            with open(path) as f:
                text = f.read().strip()
            if text:
                return int(text)
        except OSError:
            pass
        time.sleep(0.02)
    raise Failed("sinksrc did not start")


class Peers:
    """nginx (plain, and TLS 1.3 on a second port) and sinksrc."""

    def __init__(self, tmp, bins, size):
        self.crt, key = make_cert(tmp)
        tls_www = os.path.join(tmp, "www-tls")
        os.makedirs(tls_www)
        with open(os.path.join(tls_www, "w1.bin"), "wb") as f:
            f.write(SMALL)
        for d in (tmp, tls_www):
            os.chmod(d, 0o755)
        for p in (self.crt, key, os.path.join(tls_www, "w1.bin")):
            os.chmod(p, 0o644)
        self.tls_port = free_port()
        tls_server = ("server { listen 127.0.0.1:%d ssl; ssl_protocols TLSv1.3; "
                      "ssl_certificate %s; ssl_certificate_key %s; root %s; }"
                      % (self.tls_port, self.crt, key, tls_www))
        self.nginx = Nginx("location /up { client_max_body_size 0; "
                           "return 200 \"ok\\n\"; }",
                           {"w1.bin": SMALL, "big.bin": b""},
                           "keepalive_requests 10000000; " + tls_server)
        os.truncate(os.path.join(self.nginx.www, "big.bin"), size)
        self.port = self.nginx.port
        portfile = os.path.join(tmp, "sinksrc.port")
        self.sink = subprocess.Popen([bins["sinksrc"], portfile])
        self.sink_port = wait_portfile(portfile, self.sink)

    def stop(self):
        terminate(self.sink)
        self.nginx.stop()


def counts(text):
    """The last "requests= connects= bytes=" line a client printed."""
    found = re.findall(r"requests=(\d+) connects=(\d+) bytes=(\d+)", text)
    if not found:
        raise Failed("no counts in output: %r" % text[-300:])
    return tuple(int(x) for x in found[-1])


def curl_counts(err, n):
    """curl -w writes "connects bytes_down bytes_up" per URL to stderr."""
    rows = [tuple(int(x) for x in l.split()) for l in err.splitlines()
            if re.match(r"^\d+ \d+ \d+$", l)]
    if len(rows) != n:
        raise Failed("curl CLI did %d of %d transfers" % (len(rows), n))
    return n, sum(r[0] for r in rows), sum(r[1] for r in rows), \
        sum(r[2] for r in rows)


def wb_stats(text):
    m = re.search(r"requests=(\d+) connects=(\d+) bytes_out=(\d+) "
                  r"bytes_in=(\d+)", text)
    if not m:
        raise Failed("no wirebench --stats line")
    return tuple(int(x) for x in m.groups())


class Workload:
    """A workload: how each client runs it and how its work is checked."""

    def __init__(self, name, what, requests, unit="request"):
        self.name, self.what, self.requests, self.unit = name, what, requests, unit
        self.argv = {}   # client -> function(n) -> argv
        self.check = {}  # client -> function(stdout, stderr, n)

    def add(self, client, argv_fn, check_fn):
        self.argv[client] = argv_fn
        self.check[client] = check_fn


def expect(cond, what):
    if not cond:
        raise Failed(what)


def workloads(a, bins, peers, tmp, wb):
    host, p, tp, sp = "127.0.0.1", peers.port, peers.tls_port, peers.sink_port
    raw, cur = bins["rawclient"], bins["curlclient"]
    py = [sys.executable, os.path.join(HERE, "pyclient.py")]
    size = a.size
    upload = os.path.join(tmp, "upload.bin")
    with open(upload, "wb") as f:
        f.truncate(size)
    ws = []

    def script(name, lines):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def wb_argv(path):
        return [wb, "--batch", path, "--stats"]

    def small_gets(name, what, n, url_port, tls):
        w = Workload(name, what, n)
        scheme = "https" if tls else "http"
        url = "%s://%s:%d/w1.bin" % (scheme, host, url_port)
        close = name == "W2"
        mode = "close" if close else ("tls" if tls else "get")
        ca = [peers.crt] if tls else []

        def ok(c, n, conns):
            req, cn, byt = c
            expect(req == n and cn == conns and byt == n * len(SMALL),
                   "%s: requests=%d connects=%d bytes=%d" % (name, req, cn, byt))
        conns = (lambda n: n) if close else (lambda n: 1)
        w.add("raw", lambda n: [raw, mode, host, str(url_port), "/w1.bin", str(n)] + ca,
              lambda o, e, n: ok(counts(o), n, conns(n)))
        w.add("libcurl", lambda n: [cur, "close" if close else "get", url, str(n)] + ca,
              lambda o, e, n: ok(counts(o), n, conns(n)))
        curl = ["curl", "-s", "-w", "%{stderr}%{num_connects} %{size_download} "
                "%{size_upload}\\n"] + (["--cacert", peers.crt] if tls else []) + \
            (["-H", "Connection: close"] if close else [])
        w.add("curl CLI", lambda n: curl + ["%s?[1-%d]" % (url, n)],
              lambda o, e, n: ok(curl_counts(e, n)[:3], n, conns(n)))
        w.add("http.client", lambda n: py + ["close" if close else "get", host,
                                             str(url_port), "/w1.bin", str(n)] + ca,
              lambda o, e, n: ok(counts(o), n, conns(n)))
        opts = " --cafile %s" % peers.crt if tls else ""
        hdr = ' -H "Connection: close"' if close else ""

        def wb_script(n):
            return wb_argv(script("%s-%d.wb" % (name, n), [
                # no --timeout: http.client's default, as the other
                # clients run (the harness bounds every run)
                "open %s://%s:%d%s" % (scheme, host, url_port, opts)] +
                ["request GET /w1.bin%s\ngetresponse\nread" % hdr] * n))

        def wb_check(o, e, n):
            req, cn, out, inb = wb_stats(o)
            expect(req == n and cn == conns(n), "%s wirebench: requests=%d "
                   "connects=%d" % (name, req, cn))
            expect(o.count("\n  = %d bytes \"" % len(SMALL)) == n,
                   "%s wirebench: not every body was read" % name)
        w.add("wirebench", wb_script, wb_check)
        return w

    ws.append(small_gets("W1", "%d keep-alive GETs of 100 B (nginx)" % a.n, a.n, p, False))
    ws.append(small_gets("W2", "%d GETs of 100 B, a new connection each (nginx)"
                         % a.m, a.m, p, False))

    def uploads(name, what, port, path, sink):
        w = Workload(name, what, 1, "MiB")
        url = "http://%s:%d%s" % (host, port, path)

        def body_ok(o):
            if sink:
                expect("received=%d" % size in o, "%s: the peer did not get "
                       "%d bytes: %r" % (name, size, o[-200:]))
        w.add("raw", lambda n: [raw, "put", host, str(port), path, "1", upload],
              lambda o, e, n: (body_ok(o), expect(counts(o)[2] == size, name + " raw")))
        w.add("libcurl", lambda n: [cur, "put", url, "1", upload],
              lambda o, e, n: body_ok(o))
        w.add("curl CLI", lambda n: ["curl", "-s", "-T", upload, "-H",
                                     "Transfer-Encoding: chunked", "-w",
                                     "%{stderr}%{num_connects} %{size_download} "
                                     "%{size_upload}\\n", url],
              lambda o, e, n: (body_ok(o), expect(curl_counts(e, 1)[3] >= size,
                                                  name + " curl CLI upload size")))
        w.add("http.client", lambda n: py + ["put", host, str(port), path, "1", upload],
              lambda o, e, n: body_ok(o))
        sc = script(name + ".wb", [
            "open http://%s:%d --timeout 60 --blocksize 65536" % (host, port),
            "request PUT %s @%s" % (path, upload), "getresponse", "read"])

        def wb_check(o, e, n):
            req, cn, out, inb = wb_stats(o)
            expect(req == 1 and out > size, "%s wirebench: bytes_out=%d" % (name, out))
            expect("  = 200 OK" in o, "%s wirebench: no 200" % name)
            body_ok(o)
        w.add("wirebench", lambda n: wb_argv(sc), wb_check)
        return w

    mib = size / (1 << 20)
    ws.append(uploads("W3", "%.0f MiB upload, chunked 64 KiB → sinksrc" % mib,
                      sp, "/up", True))
    ws.append(uploads("W3n", "%.0f MiB upload, chunked 64 KiB → nginx" % mib,
                      p, "/up", False))

    def downloads(name, what, port, path, chunked):
        w = Workload(name, what, 1, "MiB")
        url = "http://%s:%d%s" % (host, port, path)
        got = lambda c: expect(c[2] == size, "%s: got %d of %d bytes" % (name, c[2], size))
        w.add("raw", lambda n: [raw, "chunked" if chunked else "length", host,
                                str(port), path, "1"], lambda o, e, n: got(counts(o)))
        w.add("libcurl", lambda n: [cur, "down", url, "1"], lambda o, e, n: got(counts(o)))
        w.add("curl CLI", lambda n: ["curl", "-s", "-o", "/dev/null", "-w",
                                     "%{stderr}%{num_connects} %{size_download} "
                                     "%{size_upload}\\n", url],
              lambda o, e, n: got(curl_counts(e, 1)[:3]))
        w.add("http.client", lambda n: py + ["down", host, str(port), path, "1"],
              lambda o, e, n: got(counts(o)))
        sc = script(name + ".wb", ["open http://%s:%d --timeout 60" % (host, port),
                                   "request GET %s" % path, "getresponse", "read"])

        def wb_check(o, e, n):
            expect("\n  = %d bytes \"" % size in o, "%s wirebench: the body "
                   "was not read whole" % name)
        w.add("wirebench", lambda n: wb_argv(sc), wb_check)
        return w

    ws.append(downloads("W4a", "%.0f MiB chunked download, 64 KiB chunks (sinksrc)"
                        % mib, sp, "/chunked/%d" % size, True))
    ws.append(downloads("W4c", "%.0f MiB Content-Length download (nginx)" % mib,
                        p, "/big.bin", False))
    ws.append(small_gets("W5", "W1 over TLS 1.3: %d keep-alive GETs (nginx)" % a.n,
                         a.n, tp, True))
    if a.only:
        ws = [w for w in ws if w.name in a.only.split(",")]
    return ws


def run_once(argv, tmp):
    """Wall time, peak RSS (KiB), stdout and stderr of one run. GNU time
    measures the RSS: a child of this Python would start at its size."""
    rss_file = os.path.join(tmp, "rss")
    out_path = os.path.join(tmp, "stdout")
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv,
                              stdout=out, stderr=subprocess.PIPE, timeout=900)
        elapsed = time.perf_counter() - start
    err = proc.stderr.decode(errors="replace")
    if proc.returncode != 0:
        raise Failed("%s failed (%d): %s" % (argv[0], proc.returncode, err[-500:]))
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    with open(out_path, errors="replace") as f:
        out_text = f.read()
    return elapsed, rss, out_text, err


def timed(ws, rounds, tmp):
    res = {}  # (workload, client) -> [(secs, rss)]
    for r in range(rounds):
        for w in ws:
            order = CLIENTS[r % len(CLIENTS):] + CLIENTS[:r % len(CLIENTS)]
            for c in order:
                n = w.requests
                secs, rss, out, err = run_once(w.argv[c](n), tmp)
                w.check[c](out, err, n)
                res.setdefault((w.name, c), []).append((secs, rss))
    return res


def per_unit(w, tool_fn, small, big, c):
    """(cost(big) - cost(small)) / (big - small) requests, or per MiB."""
    a, b = tool_fn(w.argv[c](small)), tool_fn(w.argv[c](big))
    return (b - a) / (big - small)


def to_file(run):
    """run(stdout) with stdout a temporary regular file: the timed rounds
    write the transcript to a file, and a client may treat a file (written
    in large pieces) differently from a pipe (flushed after every
    command)."""
    with tempfile.TemporaryFile() as out:
        return run(out)


def callgrind(argv):
    out = to_file(lambda f: subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
        stdout=f, stderr=subprocess.PIPE, timeout=1800)).stderr.decode()
    m = re.search(r"Collected : (\d+)", out) or re.search(r"refs:\s+([\d,]+)", out)
    if not m:
        raise Failed("callgrind gave no count: %s" % out[-300:])
    return int(m.group(1).replace(",", ""))


def strace_calls(argv):
    fd, path = tempfile.mkstemp()
    os.close(fd)
    try:
        to_file(lambda f: subprocess.run(
            ["strace", "-f", "-c", "-o", path] + argv, stdout=f,
            stderr=subprocess.DEVNULL, timeout=1800))
        with open(path) as f:
            last = f.read().strip().splitlines()[-1].split()
        return int(last[-3] if last[-2].isdigit() else last[-2])
    finally:
        os.unlink(path)


def profiles(ws, a):
    """Instructions (W1, W5) and system calls (all) per request or MiB."""
    rows = []
    have_vg, have_st = shutil.which("valgrind"), shutil.which("strace")
    for w in ws:
        for c in CLIENTS:
            instr = sysc = None
            if w.unit == "request":
                small, big = a.prof_n, 2 * a.prof_n
                if have_vg and w.name in ("W1", "W5") and c != "http.client":
                    instr = per_unit(w, callgrind, small, big, c)
                if have_st:
                    sysc = per_unit(w, strace_calls, small, big, c)
            elif have_st:
                # whole transfers: calls per MiB
                sysc = strace_calls(w.argv[c](1)) / (a.size / (1 << 20))
            rows.append((w.name, c, instr, sysc))
    return rows


def table(ws, res, rounds):
    lines = ["| workload | " + " | ".join(CLIENTS) + " | target |",
             "|---" * (len(CLIENTS) + 2) + "|"]
    for w in ws:
        med = {c: statistics.median(s for s, _ in res[(w.name, c)]) for c in CLIENTS}
        cells = ["%.2f× (%.3f s)" % (med[c] / med["raw"], med[c]) for c in CLIENTS]
        lines.append("| %s: %s | %s | %s |" % (w.name, w.what, " | ".join(cells),
                                               TARGETS[w.name]))
    lines += ["", "peak RSS (MiB, largest of %d rounds)" % rounds,
              "| workload | " + " | ".join(CLIENTS) + " |",
              "|---" * (len(CLIENTS) + 1) + "|"]
    for w in ws:
        cells = ["%.1f" % (max(r for _, r in res[(w.name, c)]) / 1024) for c in CLIENTS]
        lines.append("| %s | %s |" % (w.name, " | ".join(cells)))
    return "\n".join(lines)


def profile_table(rows):
    lines = ["| workload | client | instructions / request | system calls / "
             "request (per MiB for W3, W4) |", "|---|---|---|---|"]
    for name, c, instr, sysc in rows:
        lines.append("| %s | %s | %s | %s |" % (
            name, c, "–" if instr is None else "{:,.0f}".format(instr),
            "–" if sysc is None else "%.2f" % sysc))
    return "\n".join(lines)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"model name\s*:\s*(.*)", f.read()).group(1)
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()
    return "%s, %d CPUs, load %.2f %.2f %.2f" % (cpu, os.cpu_count(), *load)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wirebench")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--no-timing", action="store_true")
    a = ap.parse_args()
    a.n, a.m, a.size, a.prof_n = 20000, 2000, 1 << 30, 2000
    if a.smoke:
        a.n, a.m, a.size, a.prof_n, a.rounds = 200, 20, 4 << 20, 50, 1
    wb = os.path.abspath(a.wirebench)
    tmp = tempfile.mkdtemp(prefix="wb-bench-")
    peers = None
    try:
        bins = build(tmp)
        peers = Peers(tmp, bins, a.size)
        ws = workloads(a, bins, peers, tmp, wb)
        print("wirebench benchmark, %s" % time.strftime("%Y-%m-%d %H:%M %Z"))
        print("machine: %s" % machine())
        if not a.no_timing:
            res = timed(ws, a.rounds, tmp)
            print("medians of %d rounds, ratio to raw (seconds)" % a.rounds)
            print(table(ws, res, a.rounds))
        if not a.no_profile:
            print()
            print(profile_table(profiles(ws, a)))
        print("load after: %.2f %.2f %.2f" % os.getloadavg())
        print("all work verified")
    except (Failed, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        print("bench FAILED: %s" % e)
        return 1
    finally:
        if peers:
            peers.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
