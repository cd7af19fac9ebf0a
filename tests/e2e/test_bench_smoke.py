"""The benchmark's smoke run: every workload with every client at tiny
sizes, one round, each client's work verified by bench/run.py itself.
Timing is printed, never judged."""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WB = os.environ.get("WB", os.path.join(ROOT, "build", "wirebench"))


def main():
    passed = failed = 0
    # profiles need valgrind and strace and take a while under sanitizers:
    # the plain build runs them, the sanitized one only the timed rounds
    extra = ["--no-profile"] if os.environ.get("WB_SANITIZED") else []
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "run.py"),
                           WB, "--smoke"] + extra, capture_output=True,
                          text=True, timeout=600)
    out = proc.stdout
    print(out)
    print(proc.stderr[-2000:])
    checks = [
        ("run exits 0", proc.returncode == 0),
        ("every client's work verified", "all work verified" in out),
        ("a row per workload", all("| %s:" % w in out for w in
                                   ("W1", "W2", "W3", "W3n", "W4a", "W4c", "W5"))),
        ("instructions per request measured",
         bool(extra) or re.search(r"\| W1 \| wirebench \| [\d,]+ \| [\d.]+ \|", out)
         is not None),
    ]
    for name, ok in checks:
        print(("ok   " if ok else "FAIL ") + name)
        passed += ok
        failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
