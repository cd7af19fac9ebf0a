#!/usr/bin/env python3
"""Records the lessons in sessions/ again, in place.

Starts the demo server on 127.0.0.1:8080 and tinyproxy on 127.0.0.1:8888
(the ports sessions/README.md uses), runs each lesson with --record, and
keeps the lesson's opening comment above its first command. Run it after
changing a lesson:  python3 scripts/record-lessons.py [build/wirebench]
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import netpeers as np  # noqa: E402

DEMO, PROXY = 8080, 8888
MAGIC = "# wirebench session "


def lesson_text(path):
    """The lesson's opening comment and its command lines (recorded lines
    and the magic first line left out)."""
    head, cmds = [], []
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith(MAGIC) or line[:2] in ("#>", "#^", "#=", "#!",
                                                     "#+", "#.", "#@"):
                continue
            if not cmds and (line.startswith("#") or not line.strip()):
                head.append(line)
            elif line.strip() and not line.lstrip().startswith("#"):
                cmds.append(line)
    return head, cmds


def argv_for(name, wb, script, out):
    argv = [wb, "--batch", script, "--record", out]
    if name.startswith("10-"):
        return argv + ["--var", "TARGET=127.0.0.1:%d" % DEMO,
                       "http://127.0.0.1:%d" % PROXY]
    return argv + ["http://127.0.0.1:%d" % DEMO]


def record(name, wb, tmp):
    path = os.path.join(ROOT, "sessions", name)
    head, cmds = lesson_text(path)
    script = os.path.join(os.path.dirname(path), ".record-" + name)
    with open(script, "w", encoding="utf-8") as f:  # beside it: @data/ paths
        f.write("\n".join(cmds) + "\n")
    out = os.path.join(tmp, name)
    try:
        r = subprocess.run(argv_for(name, wb, script, out), capture_output=True,
                           text=True, timeout=60, cwd=ROOT)
    finally:
        os.unlink(script)
    if r.returncode != 0:
        sys.exit("%s failed (exit %d):\n%s%s" % (name, r.returncode,
                                                 r.stdout[-3000:], r.stderr))
    with open(out, encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    text = "\n".join([lines[0]] + head + lines[1:])
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)
    side = out + ".d"
    if os.path.isdir(side):
        sys.exit("%s: a lesson must not need side files" % name)
    print("recorded", name)


def main():
    wb = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                         os.path.join(ROOT, "build", "wirebench"))
    tmp = tempfile.mkdtemp(prefix="wb-lessons-")
    os.chmod(tmp, 0o755)
    demo = np.Peer([wb, "--serve", str(DEMO)], DEMO,
                   os.path.join(tmp, "serve.out")).start()
    proxy = None
    try:
        proxy = np.tinyproxy(tmp, "record", port=PROXY)
        for name in sorted(os.listdir(os.path.join(ROOT, "sessions"))):
            if name.endswith(".wb"):
                record(name, wb, tmp)
    finally:
        for p in (proxy, demo):
            if p:
                p.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
