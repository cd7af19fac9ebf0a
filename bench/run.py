"""Keep-alive GET benchmark: wirebench batch mode against the physical limit.

Starts nginx on a free loopback port serving a small file, then makes N
keep-alive GETs (one connection) with each client in turn, best of R runs:
  raw       bench/rawclient.c, pre-framed requests on a raw socket
  libcurl   bench/curlclient.c, one easy handle
  curl      the curl command line with URL globbing
  python    bench/pyclient.py, Python's http.client
  wirebench `wirebench --batch` with the wire tap recording and the text
            transcript written to a file
and prints times, ratios to raw and peak RSS. wirebench's --stats line
must show N requests over 1 connection, or the run fails.
Usage: python3 bench/run.py WIREBENCH [N] [RUNS]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
from nginxctl import Nginx  # noqa: E402
BODY = b"hello, world\n"


def build(tmp):
    raw = os.path.join(tmp, "rawclient")
    cur = os.path.join(tmp, "curlclient")
    subprocess.run(["cc", "-O2", "-Wall", "-Werror", "-o", raw, os.path.join(HERE, "rawclient.c")], check=True)
    subprocess.run(["cc", "-O2", "-Wall", "-Werror", "-o", cur, os.path.join(HERE, "curlclient.c"),
                    "-lcurl"], check=True)
    return raw, cur


def measure(argv, stdout):
    """Wall time and peak RSS (KiB) of one run. GNU time reports the RSS:
    a child forked from this Python process would start with its size."""
    rss_file = os.path.join(tempfile.gettempdir(), "wb-bench-rss-%d" % os.getpid())
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv,
                          stdout=stdout, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError("%s failed: %s" % (argv[0], proc.stderr.decode()))
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    os.unlink(rss_file)
    return elapsed, rss


def best(argv, runs, out_path=None):
    results = []
    for _ in range(runs):
        with open(out_path or os.devnull, "wb") as out:
            results.append(measure(argv, out))
    return min(r[0] for r in results), max(r[1] for r in results)


def main():
    wb = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    tmp = tempfile.mkdtemp(prefix="wb-bench-")
    nginx = Nginx("", {"hello.txt": BODY}, "keepalive_requests 10000000;")
    port = nginx.port
    try:
        raw, cur = build(tmp)
        url = "http://127.0.0.1:%d/hello.txt" % port
        script = os.path.join(tmp, "gets.wb")
        with open(script, "w") as f:
            f.write("open http://127.0.0.1:%d --timeout 10\n" % port)
            f.write("request GET /hello.txt\ngetresponse\nread\n" * n)
        transcript = os.path.join(tmp, "transcript.txt")
        clients = [
            ("raw", [raw, "127.0.0.1", str(port), "/hello.txt", str(n)], None),
            ("libcurl", [cur, url, str(n)], None),
            ("curl CLI", ["curl", "-s", "%s?[1-%d]" % (url, n)], None),
            ("python http.client", [sys.executable, os.path.join(HERE, "pyclient.py"),
                                    "127.0.0.1", str(port), "/hello.txt", str(n)], None),
            ("wirebench --batch", [wb, "--batch", script, "--stats"], transcript),
        ]
        rows = [(name,) + best(argv, runs, out) for name, argv, out in clients]
        with open(transcript) as f:
            stats = f.read().strip().splitlines()[-1]
        m = re.match(r"requests=(\d+) connects=(\d+)", stats)
        if not m or int(m.group(1)) != n or int(m.group(2)) != 1:
            raise RuntimeError("wirebench did not do the work: %s" % stats)
        base = rows[0][1]
        print("%d keep-alive GETs of a %d-byte file from nginx on 127.0.0.1, best of %d"
              % (n, len(BODY), runs))
        print("| client | seconds | ratio to raw | peak RSS |")
        print("|---|---|---|---|")
        for name, secs, rss in rows:
            print("| %s | %.3f | %.2f× | %.1f MiB |" % (name, secs, secs / base, rss / 1024))
        print("wirebench: " + stats)
    finally:
        nginx.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
