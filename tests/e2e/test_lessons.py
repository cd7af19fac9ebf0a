"""The lessons in sessions/: each runs to the end with exit status 0
exactly as sessions/README.md tells a user to run it, against the demo
server (and, for the tunnel lesson, tinyproxy), with every error a lesson
shows on purpose announced by `expect error NAME`."""
import os
import re
import subprocess
import sys

import netpeers as np

SESSIONS = os.path.join(np.ROOT, "sessions")


def lesson_names():
    return sorted(n for n in os.listdir(SESSIONS) if n.endswith(".wb"))


def commands(path):
    """The command lines of a session (comments and recordings left out)."""
    with open(path, encoding="utf-8") as f:
        return [l for l in f.read().splitlines()
                if l.strip() and not l.lstrip().startswith("#")]


def clean_env():
    return {k: v for k, v in os.environ.items()
            if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                                 "no_proxy", "sslkeylogfile")}


def live_argv(name, demo, proxy):
    """The command line sessions/README.md gives, with this run's ports."""
    path = os.path.join("sessions", name)
    if name.startswith("10-"):
        return ["--batch", path, "--var", "TARGET=127.0.0.1:%d" % demo.port,
                "http://127.0.0.1:%d" % proxy.port]
    return ["--batch", path, "http://127.0.0.1:%d" % demo.port]


def run(argv, timeout=60):
    r = subprocess.run([np.WB] + argv, capture_output=True, text=True,
                       timeout=timeout, env=clean_env(), cwd=np.ROOT,
                       errors="replace")
    if "Sanitizer" in r.stderr or "runtime error:" in r.stderr:
        np.SANITIZER_REPORTS.append("%s:\n%s" % (argv, r.stderr))
    return r


def check_readme(c):
    with open(os.path.join(SESSIONS, "README.md")) as f:
        readme = f.read()
    c.has("README shows the live command", readme,
          "build/wirebench --batch sessions/01-first-get.wb http://127.0.0.1:8080",
          "--var TARGET=127.0.0.1:8080 http://127.0.0.1:8888")
    c.lacks("README runs lessons without --keep-going", readme, "--keep-going")
    for name in lesson_names():
        c.has("README lists " + name, readme, "`%s`" % name)
        with open(os.path.join(SESSIONS, name)) as f:
            first = [l for l in f.read().splitlines()
                     if not l.startswith("# wirebench session")][0]
        c.ok(name + " opens with a comment saying what it teaches",
             first.startswith("# ") and len(first) > 20, first)


def check_live(c, name, demo, proxy):
    r = run(live_argv(name, demo, proxy))
    out = r.stdout
    c.ok(name + ": exit 0", r.returncode == 0,
         "exit %d\n%s%s" % (r.returncode, out[-3000:], r.stderr[-1000:]))
    c.ok(name + ": no error line", not re.search(r"^error:", out, re.M), out[-3000:])
    lines = commands(os.path.join(SESSIONS, name))
    opens = 1  # the URL argument runs `open URL` first
    c.ok(name + ": every line ran", out.count("wb> ") == len(lines) + opens,
         "%d of %d\n%s" % (out.count("wb> "), len(lines) + opens, out[-3000:]))
    want = sum(1 for l in lines if l.startswith("expect error "))
    got = len(re.findall(r"^  = raised \w+ as expected: ", out, re.M))
    c.ok(name + ": the announced errors were raised", got == want,
         "%d expected, %d raised" % (want, got))


def main():
    c = np.Checks()
    d = np.tempdir()
    demo = proxy = None
    try:
        demo = np.demo_server(d)
        proxy = np.tinyproxy(d, "lessons")
        check_readme(c)
        for name in lesson_names():
            check_live(c, name, demo, proxy)
    finally:
        for p in (proxy, demo):
            if p:
                p.stop()
        np.cleanup(d)
    c.finish()


if __name__ == "__main__":
    main()
