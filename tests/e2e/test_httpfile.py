"""The .http / .rest format (REST Client, JetBrains) in and out.

Import: a corpus of requests in both tools' styles (file variables and
{{name}} references, # @name and ### names, comments, HTTP/1.1 on the
request line, query lines, bodies inline, from `< file` and `<@ file`, a
relative URL with a Host field) is imported, RUN against the demo
server's /echo, and the bytes the server received are checked against
what the file says. Round trips: .http -> session -> .http -> session and
session -> .http -> session send the same bytes. Bad input fails with a
line and column and imports nothing.
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from netpeers import Checks, cleanup, demo_server, tempdir  # noqa: E402
from interop_util import requests_out, wb  # noqa: E402


CORPUS = """\
@host = http://127.0.0.1:{port}
@api = {{{{host}}}}/echo
@token = abc$1
# a REST Client file: comments with # and //
// another comment

### list
# @name listUsers
GET {{{{api}}}}?page=2 HTTP/1.1
X-Token: {{{{token}}}}
Accept: application/json

###
// @name createUser
POST {{{{host}}}}/echo
Content-Type: application/json

{{
  "name": "caf\u00e9 $HOME",
  "token": "{{{{token}}}}"
}}


### Upload a file (a JetBrains name)
PUT {{{{host}}}}/echo HTTP/1.1
Content-Type: application/octet-stream

< ./data/payload.bin

###
POST {{{{host}}}}/echo
Content-Type: text/plain

<@ ./tmpl.txt

###
GET {{{{host}}}}/echo
    ?a=1
    &b=two words

###
GET /echo
Host: 127.0.0.1:{port}
X-Relative: yes

###
http://127.0.0.1:{port}/echo#frag
"""

PAYLOAD = bytes(range(256)) + b"\n"


def run_json(path, cwd):
    code, out, err = wb("--batch", path, "--format", "json", cwd=cwd)
    return code, requests_out(out), out + err


def write(d, name, data):
    path = os.path.join(d, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def corpus_import(c, d, port):
    write(d, "data/payload.bin", PAYLOAD)
    write(d, "tmpl.txt", "token={{token}}\n")
    write(d, "api.http", CORPUS.format(port=port))
    code, out, err = wb("--import", "http", "--", "api.http", cwd=d)
    c.ok("imports", code == 0 and out.startswith("# wirebench session 1\n"),
         out + err)
    c.has("file variables become set, references ${NAME}", out,
          'set host "http://127.0.0.1:%d"' % port, 'set api "${host}/echo"',
          'set token "abc\\$1"', 'open "${host}"',
          'request GET "/echo?page=2" -H "X-Token: ${token}"')
    c.has("names become comments", out, "# request 1: listUsers (line 9)",
          "# request 2: createUser (line 15)",
          "# request 3: Upload a file (a JetBrains name) (line 25)")
    c.has("a < file body stays a file, with its length", out,
          "@data/payload.bin -H \"Content-Length: 257\"")
    write(d, "api.wb", out)
    code, reqs, log = run_json("api.wb", d)
    c.ok("the imported commands run", code == 0 and len(reqs) == 7, log)
    if len(reqs) != 7:
        return
    h = b"Host: 127.0.0.1:%d\r\nAccept-Encoding: identity\r\n" % port
    c.ok("request 1: GET with the variables expanded", reqs[0] ==
         b"GET /echo?page=2 HTTP/1.1\r\n" + h +
         b"X-Token: abc$1\r\nAccept: application/json\r\n\r\n", reqs[0])
    body = ('{\n  "name": "caf\u00e9 $HOME",\n  "token": "abc$1"\n}'
            ).encode()
    c.ok("request 2: body lines joined with LF, trailing blanks dropped, "
         "UTF-8 kept", reqs[1] == b"POST /echo HTTP/1.1\r\n" + h +
         b"Content-Length: %d\r\nContent-Type: application/json\r\n\r\n"
         % len(body) + body, reqs[1])
    c.ok("request 3: < file sends the file's bytes",
         reqs[2].endswith(b"\r\n\r\n" + PAYLOAD) and
         b"Content-Length: 257\r\n" in reqs[2], reqs[2])
    c.ok("request 4: <@ file expands its references",
         reqs[3].endswith(b"\r\n\r\ntoken=abc$1\n"), reqs[3])
    c.ok("request 5: query lines continue the URL",
         reqs[4].startswith(b"GET /echo?a=1&b=two%20words HTTP/1.1\r\n"),
         reqs[4])
    # a Host field of the file is sent where the file has it: after the
    # Accept-Encoding that http.client's putrequest adds
    c.ok("request 6: a relative URL goes to its Host field",
         reqs[5] == b"GET /echo HTTP/1.1\r\nAccept-Encoding: identity\r\n"
         b"Host: 127.0.0.1:%d\r\nX-Relative: yes\r\n\r\n" % port,
         reqs[5])
    c.ok("request 7: no method means GET; the fragment is not sent",
         reqs[6] == b"GET /echo HTTP/1.1\r\n" + h + b"\r\n", reqs[6])
    # .http -> session -> .http -> session
    write(d, "rt.wb", out + "export http back.http\n")
    code, first, log = run_json("rt.wb", d)
    c.ok("export http writes the file", code == 0 and
         os.path.exists(os.path.join(d, "back.http")), log)
    back = open(os.path.join(d, "back.http"), "rb").read().decode()
    c.has("the export holds the variables and requests", back,
          "@host = http://127.0.0.1:%d" % port, "@token = abc$1",
          "### request 1 (command ", "GET http://127.0.0.1:%d/echo?page=2 "
          "HTTP/1.1" % port, "< ./back.http.3.body")
    c.ok("a body text cannot hold goes beside the file",
         open(os.path.join(d, "back.http.3.body"), "rb").read() == PAYLOAD)
    code, again, err = wb("--import", "http", "--", "back.http", cwd=d)
    write(d, "again.wb", again)
    code2, second, log2 = run_json("again.wb", d)
    c.ok(".http -> session -> .http -> session sends the same bytes",
         code == 0 and code2 == 0 and second == first,
         "%s\n%r\n%r" % (again + err + log2, first, second))


SESSIONS = [
    ("plain", ['request GET /echo -H "X-A: 1"'], set()),
    ("post", ['request POST /echo "a=1&b=2" -H "Content-Type: x/y"'], set()),
    ("binary", ['request POST /echo "\\x00\\x01\\xff"'], set()),
    ("crlf", ['request POST /echo "line1\\r\\nline2\\r\\n"'], set()),
    ("no-ae", ['putrequest GET /echo skip_accept_encoding', 'endheaders'],
     {"accept-encoding"}),
    ("chunked", ['request POST /echo hello encode_chunked'], {"chunked"}),
    ("braces", ['request POST /echo "{{x}}"'], set()),
]


def session_round_trip(c, d, port):
    """session -> .http -> session: the same bytes unless declared."""
    for name, lines, tags in SESSIONS:
        src = write(d, "s-%s.wb" % name, "\n".join(
            ["open http://127.0.0.1:%d" % port] + lines +
            ["getresponse", "read", "export http s-%s.http" % name]) + "\n")
        code, first, log = run_json(src, d)
        text = open(os.path.join(d, "s-%s.http" % name), "rb").read()
        found = {t.split(":")[0] for t in text.decode("utf-8", "replace")
                 .split("# .http cannot express: ")[1:]}
        found.discard("chunked")  # informative: wirebench reads it back
        c.ok("%s: declared %s" % (name, sorted(tags)), code == 0 and
             found == tags - {"chunked"}, text)
        code, imp, err = wb("--import", "http", "--", "s-%s.http" % name,
                            cwd=d)
        write(d, "t-%s.wb" % name, imp)
        code2, second, log2 = run_json("t-%s.wb" % name, d)
        same = first == second
        c.ok("%s: session -> .http -> session %s" %
             (name, "differs as declared" if found else "keeps the bytes"),
             code == 0 and code2 == 0 and (same != bool(found)),
             "%s%s\n%r\n%r" % (imp, err + log2, first, second))


BAD = [
    ("missing blank line", "POST http://h/x\nContent-Type: a/b\n{\"a\":1}\n",
     "SyntaxError", "bad.http: line 3, column 1: expected a field"),
    ("system variable", "GET http://h/x\nX-Id: {{$guid}}\n",
     "SyntaxError", "line 2, column 7: system variables are not supported"),
    ("undefined origin", "GET {{base}}/x\n", "NameError",
     "line 1: {{base}} is not defined in the file"),
    ("HTTP/2", "GET http://h/x HTTP/2\n", "SyntaxError",
     "line 1, column 16: wirebench sends HTTP/1.1 only"),
    ("bad variable", "@a-b = 1\nGET http://h/\n", "SyntaxError",
     "line 1, column 2: a variable name is letters"),
    ("missing file", "POST http://h/x\n\n< ./nope.bin\n",
     "FileNotFoundError", "line 3: [Errno 2]"),
    ("response handler", "GET http://h/\n\n> {% client.log(1) %}\n",
     "SyntaxError", "line 3, column 1: response handlers"),
    ("no request", "# only a comment\n", "SyntaxError", "no request"),
]


def bad_input(c, d, port):
    for name, text, err_name, where in BAD:
        write(d, "bad.http", text)
        code, out, err = wb("--import", "http", "--", "bad.http", cwd=d)
        c.ok("%s: %s with its position" % (name, err_name), code == 1 and
             not out and err_name in err and where in err, err)
        # in a session: the error names the file; nothing of it runs
        script = write(d, "bad.wb", "import http bad.http\n")
        code, out, err = wb("--batch", script, cwd=d)
        c.ok("%s: the session names the file, nothing is imported" % name,
             code == 1 and "error: %s: bad.http: " % err_name in out and
             "wb> open" not in out and "wb> request" not in out, out + err)
    write(d, "ok.http", "GET http://127.0.0.1:%d/echo\n" % port)
    code, out, err = wb("--batch", write(d, "nr.wb",
                                         "import --no-run http ok.http\n"),
                        cwd=d)
    c.ok("--no-run only shows", code == 0 and 'request GET "/echo"' in out
         and "connected" not in out, out + err)


def secrets(c, d, port):
    script = write(d, "sec.wb", "\n".join([
        "set --secret tok s3cr3t-value", "set plain visible",
        "open http://127.0.0.1:%d" % port,
        'request GET /echo -H "Authorization: Bearer ${tok}" '
        '-H "X-P: ${plain}"', "getresponse", "read", "export http"]) + "\n")
    code, out, err = wb("--batch", script, cwd=d)
    export = out.split("wb> export http", 1)[-1]
    c.ok("export http: secrets never in clear, plain variables kept",
         code == 0 and "s3cr3t-value" not in export and
         "Authorization: Bearer <secret>" in export and
         "@plain = visible" in export and "@tok" not in export, out + err)


def recorded(c, d, port):
    """An import is not recorded; the commands it runs are, and replay."""
    write(d, "r.http", "@h = http://127.0.0.1:%d\nGET {{h}}/echo\n" % port)
    script = write(d, "r.wb", "import http r.http\n")
    code, out, err = wb("--batch", script, "--record", "r-rec.wb", cwd=d)
    rec = open(os.path.join(d, "r-rec.wb")).read() if code == 0 else ""
    cmds = [l for l in rec.splitlines() if l and not l.startswith("#")]
    c.ok("the session holds the imported commands, not the import",
         cmds == ['set h "http://127.0.0.1:%d"' % port, 'open "${h}"',
                  'request GET "/echo"', "getresponse", "read"], rec + err)
    code, out, err = wb("--replay", "r-rec.wb", cwd=d)
    c.ok("and replays without a difference", code == 0 and
         "0 differences" in out, out + err)


def main():
    c = Checks()
    d = tempdir()
    demo = demo_server(d)
    try:
        corpus_import(c, d, demo.port)
        session_round_trip(c, d, demo.port)
        bad_input(c, d, demo.port)
        secrets(c, d, demo.port)
        recorded(c, d, demo.port)
    finally:
        demo.stop()
        cleanup(d)
    c.finish()


if __name__ == "__main__":
    main()
