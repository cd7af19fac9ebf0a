"""Differential test: wirebench batch mode against Python's http.client.

For every tests/diff/cases/*.wb the same call sequence runs once through
oracle.py and once through `$WB --batch CASE --format json --keep-going`
(WB defaults to build/wirebench), each against the recording server (one
for the whole run, emptied between runs).
Compared: the bytes received per connection, the number of connections, and
per command ok/error (name and message), debug lines and the result objects of
getresponse, read, read1, readline, peek and state.
Prints `ok NAME` / `FAIL NAME` per case and `N passed, N failed` last.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import oracle  # noqa: E402
import recserver  # noqa: E402

TOTAL_BUDGET = 100.0          # seconds for the whole run (each case checks it)
CASE_TIMEOUT = 10.0           # seconds for one wirebench process
MAX_REPORTED = 4              # mismatches printed per failing case
MAX_SHOWN = 1200              # longest byte string printed whole
RESULT_COMMANDS = {"getresponse", "read", "read1", "readline", "peek", "state",
                   "getheader", "getheaders", "isclosed", "readinto",
                   "readinto1", "attrs", "response"}
# A socket's file descriptor differs between the two processes: fileno()
# and fp's repr are compared as "a descriptor" (a non-negative int).
FD_REPR = re.compile(r"(?<=<_io\.BufferedReader name=)\d+(?=>)")
PLACEHOLDER = "$SERVER"
SANITIZER_MARKS = (b"Sanitizer", b"runtime error:")


class Run:
    """What one side produced: result dicts and bytes per connection."""

    def __init__(self, results, connections):
        self.results = results
        self.connections = connections


def normalise(value, address):
    """Replaces the server address and object addresses in strings, recursively."""
    if isinstance(value, str):
        value = FD_REPR.sub("FD", value)
        return oracle.ADDRESS.sub(" at 0x?", value.replace(address, PLACEHOLDER))
    if isinstance(value, list):
        return [normalise(item, address) for item in value]
    if isinstance(value, dict):
        return {key: normalise(item, address) for key, item in value.items()}
    return value


def normalise_bytes(data, address):
    return data.replace(address.encode("ascii"), PLACEHOLDER.encode("ascii"))


def run_oracle(path, server):
    _, responses = oracle.load_case(path)
    server.begin(responses)
    try:
        results = oracle.run_case(path, server.address)
    finally:
        connections = server.finish()
    return Run(normalise(results, server.address),
               [normalise_bytes(c, server.address) for c in connections])


def parse_json_lines(text):
    results = []
    for line in text.split("\n"):    # not splitlines(): U+0085 may be in a line
        if line.strip():
            results.append(json.loads(line))
    return results


def wirebench_command(wb):
    return lambda case: [wb, "--batch", case, "--format", "json", "--keep-going"]


def oracle_command(case):
    """--self-test: the oracle in a subprocess stands in for wirebench."""
    return [sys.executable, os.path.join(HERE, "oracle.py"), case, "--server", "-"]


def run_wirebench(path, command, mirror, server):
    """Runs command(copy) on a copy of the case with $SERVER substituted.

    The copy lives in mirror/cases/ and mirror/data links to the real data
    folder, so `@../data/...` paths resolve exactly as in the original."""
    _, responses = oracle.load_case(path)
    server.begin(responses)
    copy = os.path.join(mirror, "cases", os.path.basename(path))
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read().replace(PLACEHOLDER, server.address)
        with open(copy, "w", encoding="utf-8") as f:
            f.write(text)
        proc = subprocess.run(command(copy), capture_output=True, timeout=CASE_TIMEOUT,
                              stdin=subprocess.DEVNULL, cwd=ROOT)
    finally:
        connections = server.finish()
    problems = []
    if proc.returncode < 0 or any(mark in proc.stderr for mark in SANITIZER_MARKS):
        problems.append(f"wirebench exited with {proc.returncode}; stderr:\n"
                        + proc.stderr.decode("utf-8", "replace")[-2000:])
    try:
        results = parse_json_lines(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(f"unparsable wirebench output: {exc}\n"
                        + proc.stdout.decode("utf-8", "replace")[:2000])
        results = []
    run = Run(normalise(results, server.address),
              [normalise_bytes(c, server.address) for c in connections])
    return run, problems


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def window_start(want, got, offset):
    """Where to start showing two byte strings: 0 when both are short."""
    if max(len(want), len(got)) <= MAX_SHOWN:
        return 0
    return max(0, offset - MAX_SHOWN // 4)


def compare_bytes(expected, actual):
    problems = []
    if len(expected) != len(actual):
        problems.append(f"connections: python {len(expected)}, wirebench {len(actual)}")
    for i, (want, got) in enumerate(zip(expected, actual)):
        if want != got:
            offset = first_difference(want, got)
            start = window_start(want, got, offset)
            shown = slice(start, start + MAX_SHOWN)
            note = f" (showing from byte {start}; python sent {len(want)}, " \
                   f"wirebench {len(got)})" if start else ""
            problems.append(f"connection {i}: bytes differ at offset {offset}{note}\n"
                            f"  python:    {want[shown]!r}\n"
                            f"  wirebench: {got[shown]!r}")
    return problems


def command_fields(result):
    error = result.get("error") or {}
    # debug is compared as the printed text: one entry per print() call and
    # one entry per output line give the same text when joined.
    fields = {"ok": result.get("ok"), "error.name": error.get("name"),
              "error.message": error.get("message"),
              "debug": "\n".join(result.get("debug") or [])}
    words = str(result.get("line", "")).split()
    if words and words[0] in RESULT_COMMANDS:
        fields["result"] = fd_result(words, result.get("result"))
    return fields


def fd_result(words, result):
    """The result of `response fileno` with a descriptor reads "FD"."""
    if words[:2] == ["response", "fileno"] and isinstance(result, dict):
        fd = str(result.get("repr", ""))
        return {"repr": "FD" if fd.isdigit() else fd}
    return result


def specified_part(got, want):
    """The keys of a wirebench result that the result shape specifies.

    wirebench may add extension keys (such as `truncated`); only the keys
    Python's result has are compared."""
    if isinstance(got, dict) and isinstance(want, dict):
        return {key: got[key] for key in got if key in want}
    return got


def compare_results(expected, actual):
    problems = []
    if len(expected) != len(actual):
        problems.append(f"results: python {len(expected)} lines, wirebench {len(actual)}")
    for want, got in zip(expected, actual):
        want_fields = command_fields(want)
        got_fields = command_fields(got)
        got_fields["result"] = fd_result(
            str(got.get("line", "")).split(),
            specified_part(got.get("result"), want.get("result")))
        keys = [key for key in want_fields if got_fields.get(key) != want_fields[key]]
        if keys:
            problems.append(
                f"line {want['n']} `{want['line']}`: {', '.join(keys)} differ\n"
                f"  python:    {show_fields(want_fields, keys)}\n"
                f"  wirebench: {show_fields(got_fields, keys)}")
    return problems


def show_fields(fields, keys):
    return json.dumps({key: fields.get(key) for key in keys}, ensure_ascii=False)


def run_case(path, command, mirror, server):
    """Returns the list of problems found for one case (empty when equal)."""
    try:
        expected = run_oracle(path, server)
    except oracle.UsageError as exc:
        return [f"case error: {exc}"]
    try:
        actual, problems = run_wirebench(path, command, mirror, server)
    except subprocess.TimeoutExpired:
        return [f"wirebench did not finish within {CASE_TIMEOUT:.0f} s"]
    except OSError as exc:
        return [f"cannot run wirebench: {exc}"]
    return (problems + compare_bytes(expected.connections, actual.connections)
            + compare_results(expected.results, actual.results))


def wirebench_path():
    wb = os.environ.get("WB", "build/wirebench")
    return wb if os.path.isabs(wb) or os.path.exists(wb) else os.path.join(ROOT, wb)


def make_mirror():
    mirror = tempfile.mkdtemp(prefix="wb-diff-")
    os.mkdir(os.path.join(mirror, "cases"))
    os.symlink(os.path.join(HERE, "data"), os.path.join(mirror, "data"))
    return mirror


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only these cases")
    parser.add_argument("--self-test", action="store_true",
                        help="run the oracle on both sides (checks the harness)")
    return parser.parse_args()


def main():
    args = parse_args()
    cases = sorted(glob.glob(os.path.join(HERE, "cases", "*.wb")))
    if args.names:
        cases = [c for c in cases if os.path.basename(c)[:-3] in set(args.names)]
    wb = wirebench_path()
    if not args.self_test and not os.access(wb, os.X_OK):
        print(f"wirebench binary not found or not executable: {wb} (set WB)")
        for path in cases:
            print(f"FAIL {os.path.basename(path)[:-3]}")
        print(f"0 passed, {len(cases)} failed")
        return 1
    command = oracle_command if args.self_test else wirebench_command(wb)
    deadline = time.monotonic() + TOTAL_BUDGET
    mirror = make_mirror()
    server = recserver.RecServer().start()   # one recorder for every case
    passed = failed = 0
    try:
        for path in cases:
            name = os.path.basename(path)[:-3]
            if time.monotonic() > deadline:
                problems = ["not run: time budget exhausted"]
            else:
                problems = run_case(path, command, mirror, server)
            if problems:
                failed += 1
                print(f"FAIL {name}")
                for problem in problems[:MAX_REPORTED]:
                    print("  " + problem.replace("\n", "\n  "))
                if len(problems) > MAX_REPORTED:
                    print(f"  ... {len(problems) - MAX_REPORTED} more differences")
            else:
                passed += 1
                print(f"ok {name}")
            sys.stdout.flush()
    finally:
        server.stop(grace=0)
        shutil.rmtree(mirror, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
