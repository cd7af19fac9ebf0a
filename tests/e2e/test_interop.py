"""Import and export against real tools: curl command lines in and out.

Faithfulness: each script of a corpus (>= 30 requests: methods, field
casing, empty values, repeated fields, bodies of every byte value, chunked
bodies, files, raw sends) runs in wirebench against the demo server; the
bytes wirebench sent are read from its JSON frames. `wirebench --export
curl SCRIPT` turns it into a curl command, which the real curl runs
against the demo server's /echo; the echoed bytes are what curl sent. They
must be equal once the differences the export declares ("# curl cannot
reproduce: TAG") are normalised away, and every declared difference must
be real: leaving its normalisation out must make the bytes differ.

Import: pasted "Copy as cURL" lines in the quoting styles of Chrome,
Firefox and Safari import and run; unsupported options fail by name;
unterminated quotes fail with a position; nothing runs after a failed
import; curl -> wirebench -> curl keeps the request.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from netpeers import Checks, cleanup, demo_server, tempdir  # noqa: E402

WB = os.environ.get("WB", os.path.join(HERE, "..", "..", "build", "wirebench"))
ALL_BYTES = "".join("\\x%02x" % b for b in range(256))


def corpus(url):
    """(name, script lines after `open`) for requests to /echo."""
    big = "".join(chr(97 + i % 26) for i in range(3000))
    many = " ".join('-H "X-H%d: %d"' % (i, i) for i in range(20))
    return [
        ("get", ['request GET /echo']),
        ("get-query", ['request GET "/echo?a=1&b=%20x"']),
        ("post-text", ['request POST /echo hello']),
        ("put-ct", ['request PUT /echo data -H "Content-Type: text/plain"']),
        ("delete", ['request DELETE /echo']),
        ("patch-json", ['request PATCH /echo "{\\"a\\":1}" '
                        '-H "Content-Type: application/json"']),
        ("options", ['request OPTIONS /echo']),
        ("propfind", ['request PROPFIND /echo']),
        ("lower-method", ['request get /echo']),
        ("casing", ['request GET /echo -H "x-lower: a" -H "X-UPPER: B" '
                    '-H "MiXeD-CaSe: c"']),
        ("repeated", ['putrequest GET /echo', 'putheader X-Dup 1',
                      'putheader X-Dup 2', 'putheader x-dup 3',
                      'endheaders']),
        ("empty-value", ['putrequest GET /echo', 'putheader X-Empty ""',
                         'endheaders']),
        ("user-agent", ['request GET /echo -H "User-Agent: wb/1"']),
        ("accept", ['request GET /echo -H "Accept: text/html"']),
        ("all-bytes-text", ['request POST /echo "%s"' % ALL_BYTES]),
        ("all-bytes-send", ['putrequest POST /echo',
                            'putheader Content-Length 256', 'endheaders',
                            'send "%s"' % ALL_BYTES]),
        ("nul-body", ['putrequest POST /echo', 'putheader Content-Length 3',
                      'endheaders "a\\0b"']),
        ("at-body", ['request POST /echo "@not-a-file"']),
        ("chunked-one", ['request POST /echo hello encode_chunked']),
        ("chunked-hex", ['request POST /echo abcdefghijklmnopqrstuvwxyz '
                         'encode_chunked']),
        ("chunked-manual", ['putrequest POST /echo',
                            'putheader Transfer-Encoding chunked',
                            'endheaders encode_chunked', 'chunk hello',
                            'chunk " world"', 'endchunks']),
        ("chunked-trailer", ['putrequest POST /echo',
                             'putheader Transfer-Encoding chunked',
                             'endheaders encode_chunked', 'chunk hello',
                             'endchunks "X-Sum: 5"']),
        ("chunked-empty", ['request POST /echo --pieces encode_chunked']),
        ("file-small", ['request POST /echo @body5.bin']),
        ("file-12", ['request POST /echo @body12.txt']),
        ("host-late", ['putrequest GET /echo skip_host', 'putheader X-A 1',
                       'putheader Host %s' % url.split("//")[1],
                       'endheaders']),
        ("host-custom", ['putrequest GET /echo skip_host',
                         'putheader Host example.test', 'endheaders']),
        ("fold", ['putrequest GET /echo', 'putheader X-Fold abc def',
                  'endheaders']),
        ("skip-ae", ['putrequest GET /echo skip_accept_encoding',
                     'endheaders']),
        ("send-after", ['request POST /echo abc', 'send XYZ']),
        ("send-body", ['putrequest POST /echo', 'putheader Content-Length 5',
                       'endheaders', 'send hello']),
        ("globs", ['request GET "/echo?x=[1]&y={2}"']),
        ("form-ct", ['request POST /echo a=1 -H "Content-Type: '
                     'application/x-www-form-urlencoded"']),
        ("leading-blanks", ['putrequest GET /echo',
                            'putheader X-Sp "  padded"', 'endheaders']),
        ("latin1-value", ['putrequest GET /echo',
                          'putheader X-L1 "caf\\xe9"', 'endheaders']),
        ("big-body", ['request POST /echo %s' % big]),
        ("empty-post", ['request POST /echo ""']),
        ("many-fields", ['request GET /echo %s' % many]),
    ]


def out_bytes(jsonl):
    """The bytes wirebench put on the wire, from its JSON frames."""
    sent = b""
    for line in jsonl.splitlines():
        for f in json.loads(line)["frames"]:
            if f["dir"] != "out" or f["kind"] == "connect-request":
                continue
            if f["event"] == "flushed" or (f["event"] == "new" and
                                           f["state"] == "wire"):
                sent += f["data"].encode("latin-1")
    return sent


def split_request(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    fields = []
    for ln in lines[1:]:
        if ln[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\r\n" + ln
        else:
            fields.append(ln)
    return lines[0], fields, body


def field(fields, name):
    for f in fields:
        if f.split(b":")[0].strip().lower() == name:
            return f.split(b":", 1)[1].strip()
    return None


def dechunk(body):
    """(data, framing without trailers, trailer lines, bytes used)."""
    i, data = 0, b""
    while True:
        j = body.index(b"\n", i)
        size = int(body[i:j].split(b";")[0].strip(), 16)
        i = j + 1
        if size == 0:
            last_end = i
            break
        data += body[i:i + size]
        i += size + 2
    trailers = []
    while True:
        j = body.index(b"\n", i)
        ln = body[i:j + 1]
        i = j + 1
        if ln in (b"\r\n", b"\n"):
            break
        trailers.append(ln)
    return data, body[:last_end] + b"\r\n", trailers, i


def normalise(raw, tags):
    """The request as a comparable tuple, with the tagged aspects removed."""
    if "before-request" in tags:
        raw = raw[raw.find(b"HTTP/1.1\r\n") - 64:] if False else raw
    line, fields, body = split_request(raw)
    chunked = b"chunked" in (field(fields, b"transfer-encoding") or b"")
    cl = field(fields, b"content-length")
    if chunked:
        data, framing, trailers, used = dechunk(body)
        rest = body[used:]
        body = data if "chunks" in tags else framing
        if "trailers" not in tags:
            body = (body, tuple(trailers))
    elif cl is not None:
        rest = body[int(cl):]
        body = body[:int(cl)]
    else:
        rest, body = body, b""
    if "after-body" not in tags:
        body = (body, rest)
    if "host" in tags:
        fields = [f for f in fields if f.split(b":")[0].lower() != b"host"]
    if "empty-value" in tags:
        fields = [f.rstrip(b" \t") if f.split(b":", 1)[1].strip() == b""
                  else f for f in fields]
    return line, tuple(fields), body


def parse_export(text):
    """Declared tags and the commands (which may span lines)."""
    tags = re.findall(r"^# curl cannot reproduce: ([a-z-]+):", text, re.M)
    cmds = [m.group(1).rstrip("\n") for m in
            re.finditer(r"^((?:curl|printf) .*?)(?=^#|\Z)", text, re.M | re.S)]
    return set(tags), cmds


def faithfulness(c, d, demo):
    url = "http://127.0.0.1:%d" % demo.port
    with open(os.path.join(d, "body5.bin"), "wb") as f:
        f.write(b"\x00\x01\xfe\xffA")
    with open(os.path.join(d, "body12.txt"), "wb") as f:
        f.write(b"hello\nworld\n")
    declared_total = 0
    cases = corpus(url)
    c.ok("corpus has >= 30 requests", len(cases) >= 30, len(cases))
    for name, lines in cases:
        path = os.path.join(d, name + ".wb")
        with open(path, "w") as f:
            f.write("\n".join(["open " + url] + lines +
                              ["getresponse", "read"]) + "\n")
        run = subprocess.run([WB, "--batch", path, "--format", "json"],
                             capture_output=True, text=True, timeout=30)
        sent = out_bytes(run.stdout)
        exp = subprocess.run([WB, "--export", "curl", path],
                             capture_output=True, timeout=30)
        # bytes, not text mode: a CR inside a quoted word must stay a CR
        exp.stdout = exp.stdout.decode("utf-8", "surrogateescape")
        exp.stderr = exp.stderr.decode("utf-8", "replace")
        tags, cmds = parse_export(exp.stdout)
        ran = exp.returncode == 0 and len(cmds) == 1
        c.ok("%s: export ran" % name, ran, exp.stdout + exp.stderr)
        if not ran:
            continue
        cmd = cmds[0].encode("utf-8", "surrogateescape")
        got = subprocess.run(["sh", "-c", cmd], capture_output=True,
                             timeout=30, cwd=d)
        echoed = got.stdout
        declared_total += len(tags)
        same = normalise(sent, tags) == normalise(echoed, tags)
        c.ok("%s: curl sends the same bytes (declared: %s)" %
             (name, ",".join(sorted(tags)) or "none"), same,
             "wirebench: %r\ncurl:      %r\ncommand: %s" % (sent, echoed,
                                                            cmds[0]))
        if not tags:
            c.ok("%s: byte for byte" % name, sent == echoed,
                 "%r\n%r" % (sent, echoed))
        for t in tags:
            rest = tags - {t}
            c.ok("%s: declared %s is a real difference" % (name, t),
                 normalise(sent, rest) != normalise(echoed, rest),
                 cmds[0])
    c.ok("some differences are declared", declared_total >= 6,
         "only %d" % declared_total)


# "Copy as cURL" as browsers write it.
CHROME = r"""curl '{url}/echo?q=1' \
  -H 'accept: text/html,application/xhtml+xml' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -H 'cookie: a=1; b=2' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0' \
  --data-raw $'{{"k":"it\'s"}}' \
  --compressed"""
FIREFOX = """curl '{url}/echo' -X POST -H 'User-Agent: Mozilla/5.0 Firefox/121.0' \
-H 'Accept: */*' -H 'Content-Type: application/json' -H 'Origin: null' \
--data-raw '{{"a":[1,2]}}'"""
SAFARI = """curl '{url}/echo' \\\r
-X 'PUT' \\\r
-H 'Content-Type: text/plain' \\\r
-H 'Accept: */*' \\\r
--data-binary 'x y'"""


def imports(c, d, demo):
    url = "http://127.0.0.1:%d" % demo.port
    for name, line, want in [
            ("chrome", CHROME, [b'cookie: a=1; b=2',
                                b'{"k":"it\'s"}',
                                b"Accept-Encoding: deflate, gzip"]),
            ("firefox", FIREFOX, [b'POST /echo', b'{"a":[1,2]}',
                                  b'Origin: null']),
            ("safari", SAFARI, [b'PUT /echo', b'\r\n\r\nx y'])]:
        text = line.format(url=url)
        imp = subprocess.run([WB, "--import", "curl", "--", text],
                             capture_output=True, text=True, timeout=30)
        c.ok("%s: imports" % name, imp.returncode == 0 and
             imp.stdout.startswith("# wirebench session 1\n"),
             imp.stdout + imp.stderr)
        script = os.path.join(d, "imp-%s.wb" % name)
        with open(script, "w") as f:
            f.write(imp.stdout)
        run = subprocess.run([WB, "--batch", script, "--format", "json"],
                             capture_output=True, text=True, timeout=30)
        sent = out_bytes(run.stdout)
        c.ok("%s: runs" % name, run.returncode == 0, run.stdout[-2000:])
        c.ok("%s: sent what the line says" % name,
             all(w in sent for w in want), sent)
        # the real curl sends the same request, except its User-Agent
        real = subprocess.run(["bash", "-c", text.replace("\r\n", "\n") +
                               " -s"], capture_output=True, timeout=30)
        drop = re.compile(rb"\r\nUser-Agent: curl/[^\r]*", re.I)
        c.ok("%s: same bytes as the real curl" % name,
             drop.sub(b"", real.stdout) == drop.sub(b"", sent),
             "curl: %r\nwb:   %r" % (real.stdout, sent))
        # round trip: curl -> wirebench -> curl -> wirebench
        exp = subprocess.run([WB, "--export", "curl", script],
                             capture_output=True, text=True, timeout=30)
        _, cmds = parse_export(exp.stdout)
        again = subprocess.run([WB, "--import", "curl", "--", cmds[-1]],
                               capture_output=True, text=True, timeout=30)
        with open(script + "2", "w") as f:
            f.write(again.stdout)
        run2 = subprocess.run([WB, "--batch", script + "2", "--format",
                               "json"], capture_output=True, text=True,
                              timeout=30)
        c.ok("%s: curl -> wirebench -> curl -> wirebench keeps the bytes"
             % name, out_bytes(run2.stdout) == sent,
             "%r\n%r\n%s" % (out_bytes(run2.stdout), sent, again.stdout))


# curl's own options, each imported by wirebench and run by the real curl
# against /echo: the bytes must be the same (curl's User-Agent aside; a
# multipart boundary is curl's random one, so it and the lengths it
# changes are compared once normalised).
def options_corpus(url):
    hp = url.split("//")[1]
    port = hp.split(":")[1]
    return [
        ("basic-auth", ["-u", "alice:s3cr:et"]),
        ("agent-referer", ["-A", "wb-agent/1", "-e", "http://ref.test/"]),
        ("cookie", ["-b", "a=1; b=2"]),
        ("remove-accept", ["-H", "Accept:", "-H", "X-Keep: 1"]),
        ("empty-field", ["-H", "X-Empty;", "-H", "X-B: 2"]),
        ("host-header", ["-H", "Host: other.test"]),
        ("replace-agent", ["-H", "User-Agent: mine"]),
        ("data-joined", ["-d", "a=1", "--data-ascii", "b=2",
                         "--data-raw", "@c"]),
        ("data-file", ["-d", "@crlf.txt"]),
        ("data-binary-file", ["--data-binary", "@crlf.txt"]),
        ("urlencode", ["--data-urlencode", "q=a b&c/é",
                       "--data-urlencode", "=x+y",
                       "--data-urlencode", "plain~.-_",
                       "--data-urlencode", "f@crlf.txt",
                       "--data-urlencode", "@crlf.txt"]),
        ("json", ["--json", '{"a":', "--json", "1}"]),
        ("json-accept", ["--json", "[]", "-H", "Accept: text/plain"]),
        ("get-data", ["-G", "-d", "a=1", "-d", "b=2"]),
        ("put-data", ["-X", "PUT", "--data-binary", "x y"]),
        ("chunked", ["-H", "Transfer-Encoding: chunked", "-d", "hello"]),
        ("form", ["-F", "name=value", "-F", "up=@crlf.txt",
                  "-F", "typed=@crlf.txt;type=text/x-mine",
                  "-F", "named=@crlf.txt;filename=other.txt",
                  "-F", "val=<crlf.txt", "--form-string", "s=@raw;x"]),
        ("short-cluster", ["-sSkv", "-XPATCH", "-dk=v"]),
        ("noop-args", ["-o", "/dev/stdout", "-w", "", "--path-as-is",
                       "--compressed"]),
        ("resolve", ["--resolve", "wb.test:%s:127.0.0.1" % port],
         "http://wb.test:%s/echo" % port),
        ("connect-to", ["--connect-to", "wb.test::127.0.0.1:%s" % port],
         "http://wb.test:%s/echo" % port),
        ("no-scheme", [], "%s/echo?x=1" % hp),
        ("noproxy", ["-x", "http://127.0.0.1:9", "--noproxy", "*"]),
        ("noproxy-list", ["-x", "127.0.0.1:9", "--noproxy",
                          "127.0.0.10, 127.0.0.1"]),
        ("timeouts", ["-m", "20", "--connect-timeout", "10",
                      "--http1.1"]),
    ]


BOUNDARY = re.compile(rb"-{20,}[0-9A-Za-z]{8,}")


def comparable(raw):
    """Request bytes with curl's User-Agent and the boundary normalised;
    Content-Length is checked against the body, then dropped."""
    raw = re.sub(rb"\r\nUser-Agent: curl/[^\r]*", b"", raw)
    if not BOUNDARY.search(raw):
        return raw, True
    raw = BOUNDARY.sub(b"BOUNDARY", raw)
    head, _, body = raw.partition(b"\r\n\r\n")
    m = re.search(rb"\r\nContent-Length: (\d+)", head)
    head = re.sub(rb"\r\nContent-Length: \d+", b"", head)
    return head + b"\r\n\r\n" + body, m is not None


def curl_options(c, d, demo):
    url = "http://127.0.0.1:%d" % demo.port
    with open(os.path.join(d, "crlf.txt"), "wb") as f:
        f.write(b"one\r\ntwo\nthree")
    for case in options_corpus(url):
        name, args = case[0], case[1]
        target = case[2] if len(case) > 2 else url + "/echo"
        argv = ["curl", target] + args
        imp = subprocess.run([WB, "--import", "curl", "--"] + argv,
                             capture_output=True, timeout=30, cwd=d)
        ok = imp.returncode == 0
        c.ok("%s: imports" % name, ok, imp.stderr)
        if not ok:
            continue
        script = os.path.join(d, "opt-%s.wb" % name)
        with open(script, "wb") as f:
            f.write(imp.stdout)
        run = subprocess.run([WB, "--batch", script, "--format", "json"],
                             capture_output=True, text=True, timeout=30,
                             cwd=d)
        sent = out_bytes(run.stdout)
        real = subprocess.run(argv + ["-s"], capture_output=True,
                              timeout=30, cwd=d)
        # an empty value the import declares: curl writes no blank
        for fname in re.findall(rb"^# curl sends '([^':]+):' with no blank",
                                imp.stdout, re.M):
            line = b"\r\n" + fname + b": \r\n"
            c.ok("%s: declared empty value %s is real" % (name, fname),
                 line in sent and line not in real.stdout)
            sent = sent.replace(line, b"\r\n" + fname + b":\r\n")
        ours, n1 = comparable(sent)
        theirs, n2 = comparable(real.stdout)
        c.ok("%s: same bytes as the real curl" % name,
             run.returncode == 0 and sent and n1 and n2 and ours == theirs,
             "curl: %r\nwb:   %r\n%s" % (real.stdout, sent,
                                         imp.stdout.decode()))


def errors(c, d, demo):
    url = "http://127.0.0.1:%d" % demo.port
    r = subprocess.run([WB, "--import", "curl", "--", "curl", url, "-L",
                        "--http2", "--retry", "3", "-H", "X: 1"],
                       capture_output=True, text=True, timeout=30)
    c.ok("unsupported options fail by name", r.returncode == 1 and
         "UsageError" in r.stderr and "-L --http2 --retry" in r.stderr,
         r.stderr)
    r = subprocess.run([WB, "--import", "curl", "--lenient", "--", "curl",
                        url + "/echo", "-L", "--retry", "3"],
                       capture_output=True, text=True, timeout=30)
    c.ok("--lenient lists them and imports", r.returncode == 0 and
         "left out curl options wirebench cannot honour: -L --retry"
         in r.stdout and "putrequest GET /echo" in r.stdout, r.stdout)
    r = subprocess.run([WB, "--import", "curl", "--",
                        "curl '%s' \\\n  -H 'X: 1' \\\n  -H 'Y: 2" % url],
                       capture_output=True, text=True, timeout=30)
    c.ok("unterminated quote: error with its position", r.returncode == 1
         and "SyntaxError: unterminated single quote opened at line 3, "
         "column 6" in r.stderr, r.stderr)
    # an unknown format is named before any input is read or run
    r = subprocess.run([WB, "--import", "foo", "--", "no-such-file"],
                       capture_output=True, text=True, timeout=30)
    c.ok("--import of an unknown format names it", r.returncode == 1 and
         "UsageError: unknown import format 'foo' (curl, http, har)" in
         r.stderr and "FileNotFoundError" not in r.stderr, r.stderr)
    script = os.path.join(d, "fmt.wb")
    with open(script, "w") as f:
        f.write("open %s\nrequest GET /echo\ngetresponse\nread\n" % url)
    r = subprocess.run([WB, "--export", "foo", script], capture_output=True,
                       text=True, timeout=30)
    c.ok("--export of an unknown format fails before running", r.returncode
         == 2 and "UsageError: unknown export format 'foo'" in r.stderr and
         not r.stdout, r.stdout + r.stderr)
    with open(script, "w") as f:
        f.write("import foo no-such-file\n")
    r = subprocess.run([WB, "--batch", script], capture_output=True,
                       text=True, timeout=30)
    c.ok("import of an unknown format names it", r.returncode == 1 and
         "UsageError: unknown import format 'foo'" in r.stdout, r.stdout)
    # nothing runs after a failed import
    script = os.path.join(d, "bad.wb")
    with open(script, "w") as f:
        f.write("import curl curl %s/echo -H 'X: 1' --http2\n" % url)
    r = subprocess.run([WB, "--batch", script], capture_output=True,
                       text=True, timeout=30)
    c.ok("a failed import runs nothing", r.returncode == 1 and
         "UsageError" in r.stdout and "open " not in r.stdout.split(
             "error:")[0].split("\n", 1)[1], r.stdout)
    with open(script, "w") as f:
        f.write("import --no-run curl curl %s/echo -d x=1\n" % url)
    r = subprocess.run([WB, "--batch", script], capture_output=True,
                       text=True, timeout=30)
    c.ok("--no-run shows without running", r.returncode == 0 and
         "endheaders x=1" in r.stdout and "connected" not in r.stdout,
         r.stdout)
    with open(script, "w") as f:
        f.write("import curl curl '%s/echo' -H 'X-In: 1'\nexport curl\n"
                % url)
    r = subprocess.run([WB, "--batch", script], capture_output=True,
                       text=True, timeout=30)
    c.has("import runs in batch, export shows curl", r.stdout,
          "wb> putheader X-In 1", "= 200 OK", "-H 'X-In: 1'",
          "curl --http1.1")
    # the whole curl line quoted as one word, as pasted
    with open(script, "w") as f:
        f.write("import curl 'curl %s/echo -H \"X-In: 2\"'\n" % url)
    r = subprocess.run([WB, "--batch", script], capture_output=True,
                       text=True, timeout=30)
    c.has("import curl 'CMDLINE' (quoted whole) runs", r.stdout,
          "wb> putheader X-In 2", "= 200 OK")
    # the REPL runs them all too (only the workbench steps through them)
    r = subprocess.run([WB, "--repl"], input="import curl curl '%s/echo' "
                       "-H 'X-In: 1'\n" % url, capture_output=True,
                       text=True, timeout=30)
    c.has("import runs every command in the REPL", r.stdout,
          "wb> putheader X-In 1", "= 200 OK", "wb> read",
          "X-In: 1\\r\\n\\r\\n\"")


def main():
    c = Checks()
    if not shutil.which("curl"):
        c.ok("curl is installed", False)
        c.finish()
    d = tempdir()
    demo = demo_server(d)
    try:
        faithfulness(c, d, demo)
        imports(c, d, demo)
        curl_options(c, d, demo)
        errors(c, d, demo)
    finally:
        demo.stop()
        cleanup(d)
    c.finish()


if __name__ == "__main__":
    main()
