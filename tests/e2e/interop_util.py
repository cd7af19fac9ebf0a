"""Helpers shared by the import/export tests: running wirebench, and the
requests it sent as read back from its JSON output."""
import json
import subprocess

from netpeers import WB


def requests_out(jsonl):
    """The requests wirebench sent, one bytes object per request line."""
    reqs = []
    for line in jsonl.splitlines():
        for f in json.loads(line).get("frames", []):
            if f["dir"] != "out" or f["kind"] == "connect-request":
                continue
            if f["event"] == "flushed" or (f["event"] == "new" and
                                           f["state"] == "wire"):
                if f["kind"] == "request-line":
                    reqs.append(b"")
                if reqs:
                    reqs[-1] += f["data"].encode("latin-1")
    return reqs


def wb(*args, cwd=None):
    r = subprocess.run([WB] + list(args), capture_output=True, timeout=60,
                       cwd=cwd)
    return (r.returncode, r.stdout.decode("utf-8", "surrogateescape"),
            r.stderr.decode("utf-8", "replace"))
