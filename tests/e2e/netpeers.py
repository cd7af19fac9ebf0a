"""Real peers for the network tests, all on 127.0.0.1, all stopped after.

nginx (HTTPS + a plain listener), openssl s_server, tinyproxy, the
wirebench demo server; plus running a wirebench batch script and counting
checks. Every wait is bounded in count and time. Works as root (CI) and as
a normal user: the daemons get explicit users only when root.
"""
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WB = os.environ.get("WB", os.path.join(ROOT, "build", "wirebench"))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def terminate(proc, timeout=5):
    """Stops a child process: SIGTERM, then SIGKILL if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def read_until(fd, needle, limit):
    """What a pty (or pipe) gives until needle appears, the peer closes,
    or limit seconds pass."""
    buf, deadline = b"", time.monotonic() + limit
    while needle not in buf and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                more = os.read(fd, 65536)
            except OSError:
                break
            if not more:
                break
            buf += more
    return buf


def end_child(pid, timeout=5.0):
    """Ends a forked child (pty.fork): SIGTERM, then up to timeout seconds
    for it to end, then SIGKILL. Returns its wait status when SIGTERM was
    enough, None when it had to be killed."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    for _ in range(int(timeout / 0.005) + 2):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() > deadline:
            break
        time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def wait_port(port, proc=None, timeout=10.0):
    deadline = time.monotonic() + timeout
    for _ in range(1000):
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("peer exited early (status %s)" % proc.returncode)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    raise RuntimeError("nothing listens on port %d" % port)


class Peer:
    """A child process started in start() and killed in stop()."""

    def __init__(self, argv, port, log, cwd=None):
        self.argv, self.port, self.log_path, self.cwd = argv, port, log, cwd
        self.proc = None

    def start(self):
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.argv, stdout=self.log,
                                     stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=self.cwd,
                                     start_new_session=True)
        wait_port(self.port, self.proc)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        if self.proc:
            self.log.close()

    def logtext(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""


NGINX_CONF = """
{user}
worker_processes 1;
error_log {d}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {d}/nx-body;
    proxy_temp_path {d}/nx-proxy;
    fastcgi_temp_path {d}/nx-fcgi;
    uwsgi_temp_path {d}/nx-uwsgi;
    scgi_temp_path {d}/nx-scgi;
    default_type text/plain;
    server {{
        listen 127.0.0.1:{tls_port} ssl;
        listen 127.0.0.1:{plain_port};
        server_name localhost;
        ssl_certificate {chain};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        location / {{ return 200 "hello over tls\\n"; }}
        location /close {{ keepalive_timeout 0; return 200 "bye\\n"; }}
    }}
}}
"""


class SilentDns:
    """A DNS server on 127.0.0.1 (UDP) that reads queries and never answers:
    a name resolution that hangs. The workbench asks it when started with
    WIREBENCH_TEST_NAMESERVER=self.addr (a test-only setting)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.addr = "127.0.0.1:%d" % self.sock.getsockname()[1]

    def wait_query(self, name, timeout=5.0):
        """True once a query for name (a dotted host) has arrived."""
        want = b"".join(bytes([len(x)]) + x.encode()
                        for x in name.split("."))
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([self.sock], [], [], left)
            if r and want in self.sock.recv(512):
                return True

    def stop(self):
        self.sock.close()


def nginx(d, pki):
    tls_port, plain_port = free_port(), free_port()
    user = "user root root;" if os.geteuid() == 0 else ""
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(user=user, d=d, tls_port=tls_port,
                                  plain_port=plain_port, chain=pki["srv"],
                                  key=pki["srv_key"]))
    argv = [shutil.which("nginx") or "/usr/sbin/nginx", "-p", d, "-c", conf,
            "-e", os.path.join(d, "nginx-error.log"),
            "-g", "daemon off; pid %s/nginx.pid;" % d]
    p = Peer(argv, tls_port, os.path.join(d, "nginx.out"))
    p.plain_port = plain_port
    p.start()
    wait_port(plain_port, p.proc)
    return p


def s_server(d, name, *args):
    port = free_port()
    argv = ["openssl", "s_server", "-accept", "127.0.0.1:%d" % port,
            "-www", "-quiet", *args]
    return Peer(argv, port, os.path.join(d, "s_server-%s.out" % name)).start()


def tinyproxy(d, name, auth=None, port=None):
    port = port or free_port()
    conf = os.path.join(d, "tinyproxy-%s.conf" % name)
    lines = ["Port %d" % port, "Listen 127.0.0.1", "Timeout 20",
             "MaxClients 8", "LogLevel Info", "Allow 127.0.0.1",
             "DisableViaHeader Yes"]
    if os.geteuid() == 0:
        lines += ["User nobody", "Group nogroup"]
    if auth:
        lines.append("BasicAuth %s %s" % auth)
    with open(conf, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.chmod(conf, 0o644)
    argv = [shutil.which("tinyproxy") or "/usr/bin/tinyproxy", "-d", "-c",
            conf]
    return Peer(argv, port, os.path.join(d, "tinyproxy-%s.out" % name)).start()


def demo_server(d):
    port = free_port()
    return Peer([WB, "--serve", str(port)], port,
                os.path.join(d, "serve.out")).start()


def run_wb(d, script, env=None, timeout=60, name="script"):
    """Runs a batch script; returns (exit status, transcript text)."""
    path = os.path.join(d, name + ".wb")
    with open(path, "w") as f:
        f.write(script)
    full_env = {k: v for k, v in os.environ.items()
                if k.lower() not in ("http_proxy", "https_proxy",
                                     "all_proxy", "no_proxy",
                                     "sslkeylogfile")}
    full_env.update(env or {})
    r = subprocess.run([WB, "--batch", path, "--keep-going"],
                       capture_output=True, text=True, timeout=timeout,
                       env=full_env, errors="replace")
    if "Sanitizer" in r.stderr or "runtime error:" in r.stderr:
        SANITIZER_REPORTS.append("%s:\n%s" % (name, r.stderr))
    return r.returncode, r.stdout + r.stderr


SANITIZER_REPORTS = []  # ASan/UBSan output of any run: each one fails


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self, name, cond, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: %s" % name)
            if detail:
                print("  " + str(detail).replace("\n", "\n  "))

    def has(self, name, text, *needles):
        missing = [n for n in needles if n not in text]
        self.ok(name, not missing, "missing %r in:\n%s" % (missing, text))

    def lacks(self, name, text, needle):
        self.ok(name, needle not in text, "unexpected %r in:\n%s" %
                (needle, text))

    def finish(self):
        for report in SANITIZER_REPORTS:
            self.ok("no sanitizer report", False, report)
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed or not self.passed else 0)


def cleanup(d):
    shutil.rmtree(d, ignore_errors=True)


def tempdir():
    d = tempfile.mkdtemp(prefix="wb-e2e-")
    os.chmod(d, 0o755)  # daemons that drop to nobody must reach it
    return d
