"""The lessons in sessions/: each runs to the end with exit status 0
exactly as sessions/README.md tells a user to run it, against the demo
server (and, for the tunnel lesson, tinyproxy), with every error a lesson
shows on purpose announced by `expect error NAME`; each carries its
recording, which plays back offline exactly as a live run prints (the
ports aside) and replays live with no difference."""
import difflib
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


def where(name, demo, proxy):
    """The URL and options that point a lesson at this run's servers. The
    lessons were recorded against 127.0.0.1:8080 (and a proxy on 8888):
    --connect-to keeps that in the URL, so the bytes on the wire (the Host
    field, and the request /echo sends back) are the recorded ones. The
    tunnel lesson's target port goes into its CONNECT request instead."""
    if name.startswith("10-"):
        return ["http://127.0.0.1:%d" % proxy.port,
                "--var", "TARGET=127.0.0.1:%d" % demo.port]
    return ["http://127.0.0.1:8080", "--connect-to",
            "127.0.0.1:%d" % demo.port]


def live_argv(name, demo, proxy):
    """The command line sessions/README.md gives, with this run's ports."""
    return ["--batch", os.path.join("sessions", name)] + where(name, demo, proxy)


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
    c.ok(name + ": starts with open", lines[0].startswith("open "), lines[0])
    # the URL points the lesson's own open at this run's server
    c.ok(name + ": every line ran", out.count("wb> ") == len(lines),
         "%d of %d\n%s" % (out.count("wb> "), len(lines), out[-3000:]))
    want = sum(1 for l in lines if l.startswith("expect error "))
    got = len(re.findall(r"^  = raised \w+ as expected: ", out, re.M))
    c.ok(name + ": the announced errors were raised", got == want,
         "%d expected, %d raised" % (want, got))
    return out


def recorded_ports(text, demo, proxy):
    """A live transcript with this run's ports written as the recording's."""
    text = text.replace(" --connect-to 127.0.0.1:%d" % demo.port, "", 1)
    text = text.replace("127.0.0.1:%d" % demo.port, "127.0.0.1:8080")
    return text.replace("127.0.0.1:%d" % proxy.port, "127.0.0.1:8888")


def check_offline(c, name, live):
    with open(os.path.join(SESSIONS, name)) as f:
        c.ok(name + ": carries its recording",
             f.readline() == "# wirebench session 1\n" and "\n#> " in f.read())
    r = run(["--batch", "--offline", os.path.join("sessions", name)])
    c.ok(name + ": offline exit 0", r.returncode == 0, r.stdout[-2000:] + r.stderr)
    c.ok(name + ": offline prints what a live run prints", r.stdout == live,
         "".join(difflib.unified_diff(live.splitlines(True),
                                      r.stdout.splitlines(True),
                                      "live", "offline", n=1))[:4000])


def check_replay(c, name, demo, proxy):
    r = run(["--replay", os.path.join("sessions", name)] +
            where(name, demo, proxy))
    if not name.startswith("10-"):
        c.ok(name + ": replays with no difference", r.returncode == 0,
             "exit %d\n%s%s" % (r.returncode, r.stdout[-2000:], r.stderr[-500:]))
        return
    # the tunnel's target port is part of the CONNECT request and of the
    # Host field inside the tunnel: the only difference a replay may show
    diffs = [l for l in r.stdout.splitlines() if l.startswith("command ")]
    c.ok(name + ": replay differs only in the tunnel target's port",
         r.returncode == 1 and len(diffs) == 1 and
         "(request): request differs" in diffs[0] and
         "NNECT 127.0.0.1:8080 HTTP/1.0" in diffs[0],
         "exit %d\n%s" % (r.returncode, r.stdout[-2000:]))


def main():
    c = np.Checks()
    d = np.tempdir()
    demo = proxy = None
    try:
        demo = np.demo_server(d)
        proxy = np.tinyproxy(d, "lessons")
        check_readme(c)
        for name in lesson_names():
            live = check_live(c, name, demo, proxy)
            check_offline(c, name, recorded_ports(live, demo, proxy))
            check_replay(c, name, demo, proxy)
    finally:
        for p in (proxy, demo):
            if p:
                p.stop()
        np.cleanup(d)
    c.finish()


if __name__ == "__main__":
    main()
