"""N keep-alive GETs with Python's http.client. Usage: pyclient.py HOST PORT PATH N"""
import http.client
import sys

host, port, path, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
conn = http.client.HTTPConnection(host, port)
total = 0
for _ in range(n):
    conn.request("GET", path)
    total += len(conn.getresponse().read())
conn.close()
print("requests=%d bytes=%d" % (n, total))
