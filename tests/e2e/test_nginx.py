"""wirebench against nginx started by this test on 127.0.0.1.

Keep-alive reuse, HEAD, 404, a chunked upload that nginx must parse for the
connection to stay usable, a gzip response nginx sends chunked, and the
same GETs made with Python's http.client giving the same answers."""
import http.client
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nginxctl import Nginx  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
WB = os.environ.get("WB", os.path.join(HERE, "..", "..", "build", "wirebench"))
HELLO = b"hello from nginx\n"
BIG = bytes(range(256)) * 400

SERVER = """
  location = /upload { client_max_body_size 1m; return 204; }
  gzip on; gzip_types application/octet-stream text/plain; gzip_min_length 0;
"""


def batch(port, script, *extra):
    text = "open http://127.0.0.1:%d --timeout 10\n%s" % (port, script)
    r = subprocess.run([WB, "--batch", "-", "--format", "json", "--keep-going"] + list(extra),
                       input=text, capture_output=True, text=True, timeout=60)
    objs = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    return r, objs


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def test_keepalive(ng):
    script = "request GET /hello.txt\ngetresponse\nread\n" * 3
    r = subprocess.run([WB, "--batch", "-", "--stats"],
                       input="open http://127.0.0.1:%d\n%s" % (ng.port, script),
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, r.stdout[-1000:])
    check(r.stdout.count('= 17 bytes "hello from nginx\\n"') == 3, r.stdout[-1000:])
    check("requests=3 connects=1" in r.stdout.splitlines()[-1], r.stdout.splitlines()[-1])


def test_head_and_404(ng):
    _, objs = batch(ng.port, "request HEAD /big.bin\ngetresponse\nread\n"
                    "request GET /missing\ngetresponse\nread\nstate\n")
    head = objs[2]["result"]
    check(head["status"] == 200 and head["length"] == 0, head)
    check(objs[3]["result"]["bytes"] == 0, "HEAD has no body")
    check(objs[5]["result"]["status"] == 404, objs[5])
    check(objs[7]["result"]["socket"], "still connected after a 404")


def test_chunked_upload(ng):
    _, objs = batch(ng.port, "putrequest POST /upload\n"
                    "putheader Transfer-Encoding chunked\n"
                    "endheaders encode_chunked\nchunk \"hello\"\nchunk \" nginx\"\n"
                    "endchunks\ngetresponse\nread\n"
                    "request GET /hello.txt\ngetresponse\nread\n", "--stats")
    check(objs[7]["result"]["status"] == 204, objs[7])
    check(objs[11]["result"]["data"] == HELLO.decode(), objs[11])
    frames = [f for o in objs[4:7] for f in o["frames"] if f["dir"] == "out"]
    check([f["data"] for f in frames] == ["5\r\n", "hello", "\r\n", "6\r\n", " nginx",
                                          "\r\n", "0\r\n", "\r\n"],
          "chunk frames %r" % [f["data"] for f in frames])


def test_request_file_chunked(ng, tmpdir=None):
    _, objs = batch(ng.port, "request POST /upload --pieces a \"\" bc\ngetresponse\n")
    check(objs[2]["result"]["status"] == 204, objs[2])


def test_gzip_chunked_response(ng):
    _, objs = batch(ng.port, "request GET /big.bin -H \"Accept-Encoding: gzip\"\n"
                    "getresponse\nread\n")
    res = objs[2]["result"]
    check(res["chunked"], "nginx answers gzip with chunked coding: %r" % res)
    sizes = [f["chunk_size"] for f in objs[3]["frames"] if f["kind"] == "chunk-size"]
    check(sizes and sum(sizes) == objs[3]["result"]["bytes"], (sizes, objs[3]["result"]))
    import zlib
    data = objs[3]["result"]["data"].encode("latin-1")
    check(zlib.decompress(data, 31) == BIG, "the gzip body decodes to the file")


def test_same_as_python(ng):
    _, objs = batch(ng.port, "request GET /hello.txt\ngetresponse\nread\n"
                    "request GET /big.bin\ngetresponse\nread\n")
    conn = http.client.HTTPConnection("127.0.0.1", ng.port, timeout=10)
    for path, (resp_i, read_i) in (("/hello.txt", (2, 3)), ("/big.bin", (5, 6))):
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        ours = objs[resp_i]["result"]
        check(ours["status"] == r.status and ours["reason"] == r.reason, ours)
        names = [h[0] for h in ours["headers"]]
        check(names == [h[0] for h in r.getheaders()], (names, r.getheaders()))
        check(objs[read_i]["result"]["data"].encode("latin-1") == body, path)
    conn.close()


def main():
    ng = Nginx(SERVER, {"hello.txt": HELLO, "big.bin": BIG})
    passed = failed = 0
    try:
        for name, fn in sorted(globals().items()):
            if not name.startswith("test_"):
                continue
            try:
                fn(ng)
                passed += 1
                print("ok   " + name)
            except Exception as e:  # report and go on
                failed += 1
                print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    finally:
        ng.stop()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
