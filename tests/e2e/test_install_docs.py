"""`make install` and the documentation of the workbench's keys.

- `make install DESTDIR=...` puts the binary, the man page and every
  example session (with its README) under PREFIX, sessions in
  share/wirebench/sessions, byte for byte; the man page names that folder.
- Every key in the workbench's key table (ui/view/help.c), and the keys
  handled outside it (/, Ctrl-R, Esc), is documented in README.md and in
  man/wirebench.1.
Last line printed: "N passed, N failed".
"""
import filecmp
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
WB = os.path.abspath(os.environ.get("WB", os.path.join(ROOT, "build",
                                                       "wirebench")))
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def test_install():
    dest = tempfile.mkdtemp(prefix="wbinstall-")
    try:
        build = os.path.relpath(os.path.dirname(WB), ROOT)
        r = subprocess.run(["make", "-s", "install", "BUILD=" + build,
                            "DESTDIR=" + dest, "PREFIX=/usr/local"],
                           cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
        check("make install succeeds", r.returncode == 0, r.stderr[-2000:])
        pre = os.path.join(dest, "usr", "local")
        check("binary installed",
              os.access(os.path.join(pre, "bin", "wirebench"), os.X_OK))
        check("man page installed", os.path.isfile(
            os.path.join(pre, "share", "man", "man1", "wirebench.1")))
        sroot = os.path.join(ROOT, "sessions")
        shipped = sorted(glob.glob(os.path.join(sroot, "*.wb")) +
                         glob.glob(os.path.join(sroot, "*.md")) +
                         glob.glob(os.path.join(sroot, "data", "*")))
        sdir = os.path.join(pre, "share", "wirebench", "sessions")
        check("there are sessions to ship", len(shipped) >= 2)
        for src in shipped:
            rel = os.path.relpath(src, sroot)
            dst = os.path.join(sdir, rel)
            check("session file %s installed as is" % rel,
                  os.path.isfile(dst) and filecmp.cmp(src, dst,
                                                      shallow=False))
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def documented_keys():
    """Key names from the key table, plus the keys ui.c handles itself."""
    with open(os.path.join(ROOT, "ui", "view", "help.c")) as f:
        src = f.read()
    names = re.findall(r'\{ [^,]+, "([^"]+)", UI_ACT_', src)
    return names + ["/", "Ctrl-R", "Esc", "Ctrl-C", "Tab"]


def roff_plain(text):
    """The man page's text with roff escapes for '-' undone."""
    return text.replace("\\-", "-")


def test_docs():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    with open(os.path.join(ROOT, "man", "wirebench.1")) as f:
        man = roff_plain(f.read())
    keys = documented_keys()
    check("the key table is found", len(keys) > 10, repr(keys))
    for k in keys:
        check("README documents %s" % k, k in readme)
        check("man page documents %s" % k, k in man)
    check("man page names the installed sessions",
          "share/wirebench/sessions" in man)
    check("README names the installed sessions",
          "share/wirebench/sessions" in readme)


def main():
    test_install()
    test_docs()
    failed = [r for r in results if not r[1]]
    for name, ok, detail in results:
        if not ok:
            print("FAIL: %s %s" % (name, detail))
    print("%d passed, %d failed" % (len(results) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
