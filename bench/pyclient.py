"""The benchmark's workloads with Python's http.client.
Usage: pyclient.py MODE HOST PORT PATH N [FILE|CAFILE]
  get     N keep-alive GETs (with CAFILE: HTTPS, verified)
  close   N GETs with "Connection: close" (http.client reconnects)
  put     PUT of FILE, chunked, 64 KiB blocks
  down    one GET, the body read in 1 MiB pieces and dropped
Prints "requests= connects= bytes=" and, for put, the response body."""
import http.client
import ssl
import sys

mode, host, port, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
extra = sys.argv[6] if len(sys.argv) > 6 else None
connects = 0


class Counting(http.client.HTTPConnection):
    def connect(self):
        global connects
        connects += 1
        super().connect()


class CountingTLS(http.client.HTTPSConnection):
    def connect(self):
        global connects
        connects += 1
        super().connect()


if mode == "get" and extra:
    conn = CountingTLS(host, port, context=ssl.create_default_context(cafile=extra))
else:
    conn = Counting(host, port, blocksize=65536)
total = 0
if mode == "put":
    with open(extra, "rb") as f:
        conn.request("PUT", path, body=f, encode_chunked=True)
        sys.stdout.write(conn.getresponse().read().decode())
elif mode == "down":
    conn.request("GET", path)
    resp = conn.getresponse()
    while True:
        piece = resp.read(1 << 20)
        if not piece:
            break
        total += len(piece)
else:
    headers = {"Connection": "close"} if mode == "close" else {}
    for _ in range(n):
        conn.request("GET", path, headers=headers)
        total += len(conn.getresponse().read())
conn.close()
print("\nrequests=%d connects=%d bytes=%d" % (n, connects, total))
