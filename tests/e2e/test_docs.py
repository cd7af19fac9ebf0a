"""Every command the documentation shows runs as shown.

README.md and sessions/README.md: each fenced code block is preceded by an
HTML comment naming its role (invisible on GitHub):

  <!-- example -->           shell command lines, each run (exit status 0,
                             or `<!-- example status=N -->`)
  <!-- example-script -->    command-language lines, run as a batch script
  <!-- example-output -->    what the last command of the example block
                             before it prints, compared line for line
  <!-- usage -->             synopses with placeholders (FILE, URL): not run
  <!-- setup -->             make targets (they install and build): not run
  <!-- illustration -->      formats and sample output sketched: not run

A block without a role fails, so a new example cannot escape the test.
man/wirebench.1: the EXAMPLES section's .EX blocks; a block of `wirebench`
lines is run from the sessions folder (as the page says), any other block is
a script, saved under the name the page gives and run as it says.

Commands run against a demo server and (where port 8888 is named) a
tinyproxy the test starts; the documented ports 8080 and 8888 are rewritten
to the test's ports and nothing else. The test's ports have four digits, as
the documented ones, so lengths in a transcript (Host, Content-Length) are
the same. `wirebench --offline FILE` opens the workbench: it is started
under tmux and quit with `q`.
Last line printed: "N passed, N failed".
"""
import os
import random
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import netpeers as np

ROOT = np.ROOT
WB = os.path.abspath(np.WB)
SESSIONS = os.path.join(ROOT, "sessions")
DOC_PORTS = {"8080": "demo", "8888": "proxy"}
ROLES = ("example", "example-script", "example-output", "usage", "setup",
         "illustration")
SCALE = 3.0 if os.environ.get("WB_SANITIZED") else 1.0
SHELL_OPS = {"|", "||", "&", "&&", ";", ">", ">>", "<", "2>", "2>&1"}


def four_digit_port():
    """A free port from 1024-9999 (bounded tries): the same length as 8080."""
    rng = random.Random(os.getpid())
    for _ in range(200):
        port = rng.randrange(1024, 10000)
        if str(port) in DOC_PORTS:
            continue
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise SystemExit("no free four-digit port after 200 tries")


class Env:
    """The peers and scratch folders every command runs with."""

    def __init__(self, c):
        self.c = c
        self.dir = np.tempdir()
        self.state = os.path.join(self.dir, "state")
        os.mkdir(self.state)
        self.ports = {"demo": four_digit_port()}
        self.peers = []
        self.demo = np.Peer([WB, "--serve", str(self.ports["demo"])],
                            self.ports["demo"],
                            os.path.join(self.dir, "serve.out")).start()
        self.peers.append(self.demo)
        self.tree = os.path.join(self.dir, "tree")
        self.copy_tree()

    def copy_tree(self):
        """The files the examples name (sessions/, tests/e2e/sessions/), in
        a scratch tree with their documented ports rewritten: a lesson
        recorded against 8080 then replays against this run's server as
        the documented command (no URL) does against one on 8080."""
        for rel in ("sessions", os.path.join("tests", "e2e", "sessions")):
            src = os.path.join(ROOT, rel)
            for folder, _, files in os.walk(src):
                out = os.path.join(self.tree, rel,
                                   os.path.relpath(folder, src))
                os.makedirs(out, exist_ok=True)
                for name in files:
                    s, d = os.path.join(folder, name), os.path.join(out, name)
                    if name.endswith((".wb", ".md")):
                        with open(s, encoding="utf-8") as f:
                            text = self.rewrite(f.read())
                        with open(d, "w", encoding="utf-8") as f:
                            f.write(text)
                    else:
                        shutil.copyfile(s, d)

    def proxy_port(self):
        if "proxy" not in self.ports:
            p = np.tinyproxy(self.dir, "docs", port=four_digit_port())
            self.peers.append(p)
            self.ports["proxy"] = p.port
        return self.ports["proxy"]

    def rewrite(self, text):
        """The documented ports replaced by this run's, nothing else."""
        def sub(m):
            role = DOC_PORTS[m.group(0)]
            if role == "proxy":
                return str(self.proxy_port())
            return str(self.ports[role])
        return re.sub(r"(?<!\d)(8080|8888)(?!\d)", sub, text)

    def unrewrite(self, text):
        for doc, role in DOC_PORTS.items():
            if role in self.ports:
                text = re.sub(r"(?<!\d)%d(?!\d)" % self.ports[role], doc,
                              text)
        return text

    def env(self):
        e = {k: v for k, v in os.environ.items()
             if k.lower() not in ("http_proxy", "https_proxy", "all_proxy",
                                  "no_proxy", "sslkeylogfile")}
        e["XDG_STATE_HOME"] = self.state
        e["LANG"] = "C.UTF-8"
        return e

    def stop(self):
        for p in reversed(self.peers):
            p.stop()
        np.cleanup(self.dir)


def md_blocks(path):
    """Fenced blocks of a Markdown file: (line number, role, status, lines).
    The role comes from an HTML comment on the last non-blank line before
    the fence."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    blocks, i, prev = [], 0, ""
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            start = i + 1
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            m = re.fullmatch(r"<!-- ([a-z-]+)(?: status=(\d+))? -->",
                             prev.strip())
            role = m.group(1) if m else None
            status = int(m.group(2)) if m and m.group(2) else 0
            blocks.append((start, role, status, lines[i + 1:j]))
            i, prev = j + 1, ""
            continue
        if line.strip():
            prev = line
        i += 1
    return blocks


def roff_plain(text):
    return (text.replace("\\-", "-").replace("\\e", "\\")
            .replace("\\(aq", "'"))


def man_examples(path):
    """The EXAMPLES section's text and its .EX blocks (lists of lines)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^\.SH EXAMPLES\n(.*?)(?=^\.SH )", text, re.M | re.S)
    if not m:
        return None, []
    sec = m.group(1)
    blocks = [roff_plain(b).splitlines()
              for b in re.findall(r"^\.EX\n(.*?)^\.EE$", sec, re.M | re.S)]
    return roff_plain(sec), blocks


def argv_of(c, where, line):
    """A documented command line as argv (wirebench resolved to the binary
    under test), or None when it is not a simple wirebench command."""
    try:
        words = shlex.split(line, comments=True)
    except ValueError as e:
        c.ok("%s: parses as shell words" % where, False, "%s: %s" % (line, e))
        return None
    if not words:
        return []
    ops = [w for w in words if w in SHELL_OPS]
    c.ok("%s: a simple command (no pipes or redirections)" % where, not ops,
         line)
    c.ok("%s: runs wirebench" % where,
         words[0] in ("wirebench", "build/wirebench"), line)
    if ops or words[0] not in ("wirebench", "build/wirebench"):
        return None
    return [WB] + words[1:]


class Runner:
    def __init__(self, c, env):
        self.c, self.env = c, env
        self.last_output = None

    def run(self, where, line, cwd, status=0, rewrite=True):
        """Runs one documented command line (its documented ports rewritten
        unless rewrite is false); returns its output or None."""
        argv = argv_of(self.c, where, line)
        if not argv:
            return None
        if rewrite:
            argv = [argv[0]] + [self.env.rewrite(w) for w in argv[1:]]
        name = "%s: `%s`" % (where, line.split("#")[0].strip())
        if argv[1:2] == ["--serve"]:
            # the server the test runs: the documented command, ports aside
            self.c.ok(name + " is the demo server the test started",
                      argv == self.env.demo.argv,
                      "%r != %r" % (argv, self.env.demo.argv))
            return None
        if "--offline" in argv and "--batch" not in argv:
            return self.tui(name, argv, cwd)
        try:
            r = subprocess.run(argv, cwd=cwd, env=self.env.env(),
                               stdin=subprocess.DEVNULL, capture_output=True,
                               text=True, errors="replace",
                               timeout=60 * SCALE)
        except subprocess.TimeoutExpired:
            self.c.ok(name + " ends", False, "timed out")
            return None
        self.c.ok(name + " exits %d" % status, r.returncode == status,
                  "exit %d\n%s%s" % (r.returncode, r.stdout[-3000:],
                                     r.stderr[-2000:]))
        if "Sanitizer" in r.stderr or "runtime error:" in r.stderr:
            np.SANITIZER_REPORTS.append("%s:\n%s" % (name, r.stderr))
        self.last_output = self.env.unrewrite(r.stdout)
        return self.last_output

    def script(self, where, lines, cwd, fname="example.wb", cmd=None):
        """Runs command-language lines saved as fname in cwd."""
        path = os.path.join(cwd, fname)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return self.run(where, cmd or "wirebench --batch %s" % fname, cwd)

    def tui(self, name, argv, cwd):
        """The workbench under tmux: it must start, show the recording's
        first step and quit with `q` with status 0."""
        if not shutil.which("tmux"):
            print("SKIP: %s: tmux is not installed, the workbench cannot be "
                  "started without a terminal" % name)
            return None
        sock = "wbdocs-%d" % os.getpid()
        status_file = os.path.join(self.env.dir, "tui.status")
        envs = " ".join("%s=%s" % (k, shlex.quote(v)) for k, v in
                        (("XDG_STATE_HOME", self.env.state),
                         ("LANG", "C.UTF-8"), ("TERM", "xterm-256color")))
        cmd = "cd %s && env %s %s; echo $? > %s" % (
            shlex.quote(cwd), envs, " ".join(map(shlex.quote, argv)),
            shlex.quote(status_file))

        def tmux(*a):
            return subprocess.run(["tmux", "-L", sock] + list(a),
                                  capture_output=True, text=True, timeout=10)
        try:
            r = tmux("new-session", "-d", "-x", "100", "-y", "30", "-s",
                     "docs", "sh -c %s" % shlex.quote(cmd))
            self.c.ok(name + ": tmux session starts", r.returncode == 0,
                      r.stderr)
            screen = self.wait(lambda: tmux("capture-pane", "-p", "-t",
                                            "docs").stdout,
                               lambda s: "offline:" in s, 20)
            self.c.ok(name + " shows the workbench offline",
                      screen is not None and "offline:" in screen,
                      screen)
            tmux("send-keys", "-t", "docs", "q")
            done = self.wait(lambda: os.path.exists(status_file) and
                             open(status_file).read().strip(),
                             lambda s: bool(s), 20)
            self.c.ok(name + " quits with q, status 0", done == "0",
                      "status %r" % done)
        finally:
            tmux("kill-server")
        return None

    @staticmethod
    def wait(get, pred, timeout):
        end = time.monotonic() + timeout * SCALE
        got = None
        for _ in range(10000):
            got = get()
            if pred(got) or time.monotonic() > end:
                break
            time.sleep(0.05)
        return got


def check_markdown(c, runner, rel):
    path = os.path.join(ROOT, rel)
    blocks = md_blocks(path)
    c.ok("%s has example blocks" % rel,
         any(b[1] and b[1].startswith("example") for b in blocks))
    last_example = None
    for start, role, status, lines in blocks:
        where = "%s:%d" % (rel, start)
        c.ok("%s: the block's role is marked (<!-- %s -->)" %
             (where, " | ".join(ROLES)), role in ROLES,
             "found %r before the block" % role)
        if role == "example":
            for k, line in enumerate(lines):
                if line.strip():
                    runner.run("%s:%d" % (rel, start + 1 + k), line,
                               runner.env.tree, status)
            last_example = runner.last_output
        elif role == "example-script":
            sdir = tempfile.mkdtemp(dir=runner.env.dir)
            runner.script(where, [runner.env.rewrite(l) for l in lines],
                          sdir)
        elif role == "example-output":
            want = "\n".join(lines) + "\n"
            got = last_example or ""
            c.ok("%s: the output shown is what the example prints" % where,
                 got == want, diff(want, got))


def diff(want, got):
    import difflib
    return "".join(difflib.unified_diff(want.splitlines(True),
                                        got.splitlines(True), "documented",
                                        "printed"))


def check_man(c, runner):
    text, blocks = man_examples(os.path.join(ROOT, "man", "wirebench.1"))
    c.ok("man page has an EXAMPLES section", text is not None)
    if text is None:
        return
    commands = [b for b in blocks
                if all(l.startswith("wirebench ") for l in b)]
    scripts = [b for b in blocks if b not in commands]
    c.ok("man page EXAMPLES show at least 5 commands",
         sum(len(b) for b in commands) >= 5, blocks)
    for n, block in enumerate(commands):
        for line in block:
            runner.run("wirebench.1 EXAMPLES %d" % (n + 1), line,
                       os.path.join(runner.env.tree, "sessions"))
    for n, block in enumerate(scripts):
        m = re.search(r"saved as\s*\n\.I (\S+)\s*\n.*?(wirebench --batch "
                      r"(\S+?))\"", text, re.S)
        c.ok("man page names the script's file and command",
             m is not None and m.group(1) == m.group(3), text)
        if m:
            sdir = tempfile.mkdtemp(dir=runner.env.dir)
            runner.script("wirebench.1 EXAMPLES script %d" % (n + 1),
                          [runner.env.rewrite(l) for l in block], sdir,
                          fname=m.group(1), cmd=m.group(2))


def check_lessons(c, runner):
    """sessions/README.md shows its commands on lesson 01 and lists the
    others as run the same way: run each batch form on every lesson."""
    blocks = md_blocks(os.path.join(SESSIONS, "README.md"))
    forms = [l.split("#")[0].strip() for _, role, _, lines in blocks
             if role == "example" for l in lines
             if "sessions/01-first-get.wb" in l and
             ("--batch" in l or "--replay" in l)]
    c.ok("sessions/README.md shows --batch, --batch --offline and --replay",
         any("--replay" in f for f in forms) and
         any("--batch --offline" in f for f in forms) and
         any("--batch sessions" in f for f in forms), forms)
    with open(os.path.join(SESSIONS, "README.md"), encoding="utf-8") as f:
        listed = re.findall(r"^\| `(\d\d-[a-z0-9-]+\.wb)` \|", f.read(), re.M)
    names = sorted(n for n in os.listdir(SESSIONS) if n.endswith(".wb"))
    c.ok("sessions/README.md lists every lesson", listed == names,
         "%r != %r" % (listed, names))
    # On a port other than the recorded 8080 a lesson that reads back its
    # request from /echo differs in the echoed Host: sessions/README.md says
    # to replay with the recorded URL and --connect-to then.
    c.has("sessions/README.md says how to replay on another port",
          open(os.path.join(SESSIONS, "README.md")).read(),
          "`--batch FILE http://127.0.0.1:8080 --connect-to\n127.0.0.1:PORT`",
          "use it with `--replay` too")
    for name in names:
        if name == "10-tunnel.wb":
            print("SKIP: lesson forms on %s: it needs a proxy and "
                  "--var TARGET; its own documented command is run" % name)
            continue
        if name == "01-first-get.wb":
            continue  # run as shown above
        runner.run("sessions/README.md replay on another port, %s" % name,
                   "build/wirebench --replay sessions/%s "
                   "http://127.0.0.1:8080 --connect-to 127.0.0.1:%d" %
                   (name, runner.env.ports["demo"]), ROOT, rewrite=False)
        for form in forms:
            runner.run("sessions/README.md form on %s" % name,
                       form.replace("01-first-get.wb", name),
                       runner.env.tree)


def main():
    c = np.Checks()
    env = Env(c)
    try:
        runner = Runner(c, env)
        check_markdown(c, runner, "README.md")
        check_markdown(c, runner, "sessions/README.md")
        check_man(c, runner)
        check_lessons(c, runner)
    finally:
        env.stop()
    c.finish()


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
