"""The workbench (TUI) under a large stream, measured through a pty.

Starts bench/sinksrc.c, runs `wirebench URL` on a pseudo-terminal of
120x40, and streams a chunked body of SIZE bytes (64 KiB chunks) through
`request`, `getresponse`, `read`: every chunk passes the wire panel. While
it streams, F2 (hex view on/off, a key that works during a network wait)
is pressed every INTERVAL; the latency of a key is the time from writing
it to the pty until the terminal output shows the other view ("78 78 78"
rows in hex, "xxxxxxxx" rows in text). At the end: the peak RSS of the
wirebench process (VmHWM) and the latency percentiles.

Usage: python3 bench/tui.py WIREBENCH [SIZE] [--keys N]
Prints one line "tui: size=... peak_rss_kib=... keys=N p50_ms= p99_ms=
max_ms=" and fails (exit 1) if the stream did not complete.
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HEX = b"78 78 78 78"
TEXT = b"xxxxxxxxxxxxxxxx"


def start_sink(tmp):
    binary = os.path.join(tmp, "sinksrc")
    subprocess.run(["cc", "-O2", "-o", binary, os.path.join(HERE, "sinksrc.c")],
                   check=True)
    portfile = os.path.join(tmp, "port")
    proc = subprocess.Popen([binary, portfile])
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            with open(portfile) as f:
                text = f.read().strip()
            if text:
                return proc, int(text)
        except OSError:
            pass
        time.sleep(0.02)
    proc.kill()
    raise RuntimeError("sinksrc did not start")


def spawn(wb, url):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["NO_COLOR"] = "1"
        os.execv(wb, [wb, url])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd


class Screen:
    """Reads the pty; keeps a tail of the output for searching."""

    def __init__(self, fd):
        self.fd, self.tail, self.total = fd, b"", 0

    def pump(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return b""
        self.total += len(data)
        self.tail = (self.tail + data)[-8192:]
        return data

    def wait(self, needle, timeout):
        """Seconds until needle shows in new output, or None."""
        start = time.perf_counter()
        seen = b""
        while time.perf_counter() - start < timeout:
            data = self.pump(0.005)
            seen = (seen + data)[-(len(needle) + 65536):]
            if needle in seen:
                return time.perf_counter() - start
        return None


def vm_hwm(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wirebench")
    ap.add_argument("size", nargs="?", type=int, default=1 << 30)
    ap.add_argument("--keys", type=int, default=200)
    ap.add_argument("--interval", type=float, default=0.02)
    ap.add_argument("--timeout", type=float, default=600)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="wb-tui-")
    sink, port = start_sink(tmp)
    pid, fd = spawn(os.path.abspath(a.wirebench), "http://127.0.0.1:%d" % port)
    scr = Screen(fd)
    lat, ok = [], False
    try:
        if scr.wait(b"HTTP", 10) is None:
            raise RuntimeError("the workbench did not start")
        for cmd in ("request GET /chunked/%d" % a.size, "getresponse"):
            os.write(fd, cmd.encode() + b"\r")
            scr.wait(b"=", 5)
        os.write(fd, b"read\r")
        scr.wait(TEXT, 10)
        hexed = False
        t_end = time.time() + 600
        while len(lat) < a.keys and time.time() < t_end:
            os.write(fd, b"\x1bOQ")  # F2
            hexed = not hexed
            d = scr.wait(HEX if hexed else TEXT, 2.0)
            if d is None:  # the stream ended, or the key was not seen
                break
            lat.append(d)
            time.sleep(a.interval)
        # a command typed now runs when the read has ended
        os.write(fd, b"isclosed\r")
        done = scr.wait(b"True", a.timeout)
        ok = done is not None
        rss = vm_hwm(pid)
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        sink.kill()
        sink.wait()
    lat.sort()
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else -1
    print("tui: size=%d peak_rss_kib=%d keys=%d p50_ms=%.1f p99_ms=%.1f "
          "max_ms=%.1f stream_completed=%s"
          % (a.size, rss, len(lat), pct(0.5), pct(0.99), pct(1.0), ok))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
