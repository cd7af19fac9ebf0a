"""HAR 1.2 in and out.

Export: a session of varied requests (text, binary and chunked bodies,
repeated fields, Latin-1 values, keep-alive and a new connection) is
exported with `export har`; Python's json reads it back and a
schema-style check holds every entry to HAR 1.2's required members and
types; fields are in wire order, bodies decode to the bytes sent, timings
are non-negative, serverIPAddress and the _wirebench frames are there.
Round trip: session -> HAR -> session sends the same bytes. --expect turns
the recorded responses into expectations that pass against the same
server and fail when the recording says otherwise. A HAR written the way
Chrome DevTools writes it (and one in mitmproxy's style) imports and runs.
Bad input: not JSON, no log.entries, a wrong member type: a clear error
with a position, nothing imported.
"""
import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from netpeers import Checks, cleanup, demo_server, tempdir  # noqa: E402
from interop_util import requests_out, wb  # noqa: E402


NUM = (int, float)
# HAR 1.2 required members and their types (object, array, str, number)
SCHEMA = {
    "log": {"version": str, "creator": dict, "entries": list},
    "creator": {"name": str, "version": str},
    "entry": {"startedDateTime": str, "time": NUM, "request": dict,
              "response": dict, "cache": dict, "timings": dict},
    "request": {"method": str, "url": str, "httpVersion": str,
                "cookies": list, "headers": list, "queryString": list,
                "headersSize": int, "bodySize": int},
    "response": {"status": int, "statusText": str, "httpVersion": str,
                 "cookies": list, "headers": list, "content": dict,
                 "redirectURL": str, "headersSize": int, "bodySize": int},
    "content": {"size": int, "mimeType": str},
    "timings": {"send": NUM, "wait": NUM, "receive": NUM},
    "postData": {"mimeType": str},
    "nv": {"name": str, "value": str},
}
OPTIONAL = {
    "entry": {"serverIPAddress": str, "connection": str, "pageref": str},
    "timings": {"blocked": NUM, "dns": NUM, "connect": NUM, "ssl": NUM},
    "content": {"text": str, "encoding": str},
    "postData": {"text": str, "params": list},
}


def check_obj(errors, where, obj, kind):
    if not isinstance(obj, dict):
        errors.append("%s: not an object" % where)
        return
    for k, t in SCHEMA[kind].items():
        if k not in obj:
            errors.append("%s.%s: missing" % (where, k))
        elif not isinstance(obj[k], t) or isinstance(obj[k], bool):
            errors.append("%s.%s: %r is not %s" % (where, k, obj[k], t))
    for k, t in OPTIONAL.get(kind, {}).items():
        if k in obj and (not isinstance(obj[k], t) or
                         isinstance(obj[k], bool)):
            errors.append("%s.%s: %r is not %s" % (where, k, obj[k], t))


def validate(doc):
    """Schema-style check of a HAR 1.2 document: the list of problems."""
    errors = []
    if not isinstance(doc, dict) or "log" not in doc:
        return ["root: no log"]
    check_obj(errors, "log", doc["log"], "log")
    check_obj(errors, "log.creator", doc["log"].get("creator"), "creator")
    if doc["log"].get("version") != "1.2":
        errors.append("log.version is not 1.2")
    for i, e in enumerate(doc["log"].get("entries", [])):
        w = "log.entries[%d]" % i
        check_obj(errors, w, e, "entry")
        check_obj(errors, w + ".request", e.get("request"), "request")
        check_obj(errors, w + ".response", e.get("response"), "response")
        check_obj(errors, w + ".response.content",
                  e.get("response", {}).get("content"), "content")
        check_obj(errors, w + ".timings", e.get("timings"), "timings")
        for part in ("request", "response"):
            for j, h in enumerate(e.get(part, {}).get("headers", [])):
                check_obj(errors, "%s.%s.headers[%d]" % (w, part, j), h, "nv")
        for j, q in enumerate(e.get("request", {}).get("queryString", [])):
            check_obj(errors, "%s.request.queryString[%d]" % (w, j), q, "nv")
        if "postData" in e.get("request", {}):
            check_obj(errors, w + ".request.postData",
                      e["request"]["postData"], "postData")
        t = e.get("timings", {})
        for k in ("send", "wait", "receive"):
            if isinstance(t.get(k), NUM) and t[k] < 0:
                errors.append("%s.timings.%s < 0" % (w, k))
        for k in ("blocked", "dns", "connect", "ssl"):
            if isinstance(t.get(k), NUM) and t[k] < 0 and t[k] != -1:
                errors.append("%s.timings.%s is neither >= 0 nor -1" % (w, k))
        if not str(e.get("startedDateTime", "")).endswith("Z"):
            errors.append("%s.startedDateTime is not ISO 8601 UTC" % w)
    return errors


def write(d, name, data):
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


SESSION = """\
open http://127.0.0.1:{port}
request GET "/echo?a=1&b=x%20y" -H "X-One: 1"
getresponse
read
request POST /echo "text body" -H "Content-Type: text/plain"
getresponse
read
request POST /echo "\\x00\\x01\\xfe\\xff"
getresponse
read
request POST /echo hello encode_chunked
getresponse
read
putrequest GET /echo
putheader X-Dup 1
putheader x-dup 2
putheader X-L1 "caf\\xe9"
endheaders
getresponse
read
close
request GET /chunked
getresponse
read
"""


def body_of(part):
    t = part.get("text", "")
    if part.get("encoding") == "base64":
        return base64.b64decode(t)
    return t.encode("utf-8")


def export(c, d, port):
    src = write(d, "s.wb", SESSION.format(port=port) + "export har s.har\n")
    code, out, err = wb("--batch", src, "--format", "json", cwd=d)
    sent = requests_out(out)
    c.ok("the session runs and exports", code == 0 and len(sent) == 6 and
         os.path.exists(os.path.join(d, "s.har")), out[-3000:] + err)
    if not os.path.exists(os.path.join(d, "s.har")):
        return None, sent
    doc = json.load(open(os.path.join(d, "s.har")))  # Python's json reads it
    problems = validate(doc)
    c.ok("HAR 1.2: required members and types", not problems,
         "\n".join(problems))
    bad = dict(doc, log=dict(doc["log"], entries=[
        dict(doc["log"]["entries"][0], timings={"send": -5, "wait": "x"})]))
    c.ok("the schema check can fail", len(validate(bad)) >= 3,
         validate(bad))
    es = doc["log"]["entries"]
    c.ok("one entry per request", len(es) == 6, len(es))
    if len(es) != 6:
        return doc, sent
    for i, (e, raw) in enumerate(zip(es, sent)):
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        want = [l.decode("latin-1").split(":", 1) for l in lines[1:]]
        got = [[h["name"], " " + h["value"]] for h in e["request"]["headers"]]
        c.ok("entry %d: request fields in wire order" % i,
             [[n, v] for n, v in want] == got, "%r\n%r" % (want, got))
        c.ok("entry %d: request line" % i, lines[0].decode() ==
             "%s %s %s" % (e["request"]["method"],
                           e["request"]["url"].split(str(port), 1)[1],
                           e["request"]["httpVersion"]), lines[0])
        pd = e["request"].get("postData")
        c.ok("entry %d: the body decodes to the bytes sent" % i,
             (body_of(pd) if pd else b"") == body, "%r %r" % (pd, body))
        c.ok("entry %d: server address, connection, frames" % i,
             e["serverIPAddress"] == "127.0.0.1" and
             e["_wirebench"]["frames"][0]["kind"] == "request-line" and
             e["_wirebench"]["frames"][0]["data"].encode("latin-1") ==
             lines[0] + b"\r\n", e.get("serverIPAddress"))
        c.ok("entry %d: the response" % i, e["response"]["status"] == 200
             and e["response"]["statusText"] == "OK", e["response"])
    c.ok("binary bodies are base64", es[2]["request"]["postData"].get(
        "encoding") == "base64", es[2]["request"]["postData"])
    c.ok("query string", es[0]["request"]["queryString"] == [
        {"name": "a", "value": "1"}, {"name": "b", "value": "x%20y"}],
         es[0]["request"]["queryString"])
    c.ok("a chunked response body is decoded",
         body_of(es[5]["response"]["content"]) ==
         b"abcdefghijklmnopqrstuvwxyzabcd", es[5]["response"]["content"])
    c.ok("keep-alive shares a connection, close starts one",
         es[0]["connection"] == es[4]["connection"] != es[5]["connection"],
         [e["connection"] for e in es])
    c.ok("the first request's connect time is measured",
         es[0]["timings"]["connect"] >= 0 and es[1]["timings"]["connect"]
         == -1, [e["timings"] for e in es[:2]])
    c.ok("time is the sum of the phases", all(
        abs(e["time"] - sum(max(0, e["timings"][k]) for k in
                            ("connect", "send", "wait", "receive"))) < 0.01
        for e in es))
    return doc, sent


def round_trip(c, d, port, sent):
    code, out, err = wb("--import", "har", "--", "s.har", cwd=d)
    c.ok("the HAR imports", code == 0, out + err)
    write(d, "back.wb", out)
    code, again, err2 = wb("--batch", "back.wb", "--format", "json", cwd=d)
    c.ok("session -> HAR -> session sends the same bytes",
         code == 0 and requests_out(again) == sent,
         "%s\n%r\n%r" % (out + err2, requests_out(again), sent))


def expectations(c, d, port, doc):
    code, out, err = wb("--import", "har", "--expect", "--", "s.har", cwd=d)
    c.has("--expect writes expectations", out, "expect status 200",
          "expect header Server = wirebench-demo",
          "expect header Transfer-Encoding = chunked")
    write(d, "exp.wb", out)
    code, run, err = wb("--batch", "exp.wb", cwd=d)
    c.ok("the expectations pass against the same server", code == 0,
         run[-2000:] + err)
    doc["log"]["entries"][1]["response"]["status"] = 201
    write(d, "changed.har", json.dumps(doc))
    code, out, err = wb("--import", "har", "--expect", "--", "changed.har",
                        cwd=d)
    write(d, "changed.wb", out)
    code, run, err = wb("--batch", "changed.wb", cwd=d)
    c.ok("a recording that differs fails", code == 1 and
         "AssertionError" in run and "201" in run, run[-2000:])


def chrome_har(port):
    """An export as Chrome DevTools writes it (HTTP/1.1 and h2 entries)."""
    base = "http://127.0.0.1:%d" % port
    def entry(method, path, headers, version="http/1.1", post=None):
        e = {
            "_initiator": {"type": "other"}, "_priority": "VeryHigh",
            "_resourceType": "fetch", "cache": {}, "connection": "12345",
            "pageref": "page_1",
            "request": {
                "method": method, "url": base + path, "httpVersion": version,
                "headers": [{"name": n, "value": v} for n, v in headers],
                "queryString": [], "cookies": [{"name": "sid", "value": "1"}],
                "headersSize": -1, "bodySize": 0},
            "response": {
                "status": 200, "statusText": "", "httpVersion": version,
                "headers": [{"name": "date", "value": "Mon, 01 Jan 2024"},
                            {"name": "server", "value": "wirebench-demo"}],
                "cookies": [], "content": {"size": 5, "mimeType": "text/plain",
                                           "compression": 0},
                "redirectURL": "", "headersSize": -1, "bodySize": -1,
                "_transferSize": 120, "_error": None},
            "serverIPAddress": "127.0.0.1", "startedDateTime":
                "2024-01-01T10:00:00.123Z", "time": 12.3,
            "timings": {"blocked": 1.2, "dns": -1, "ssl": -1, "connect": -1,
                        "send": 0.1, "wait": 10.5, "receive": 0.5,
                        "_blocked_queueing": 0.8}}
        if post is not None:
            e["request"]["postData"] = {"mimeType": "application/json",
                                        "text": post}
        return e
    return {"log": {
        "version": "1.2", "creator": {"name": "WebInspector",
                                      "version": "537.36"},
        "pages": [{"startedDateTime": "2024-01-01T10:00:00.000Z",
                   "id": "page_1", "title": base + "/",
                   "pageTimings": {"onContentLoad": 50, "onLoad": 80}}],
        "entries": [
            entry("GET", "/echo?q=1", [
                ("Host", "127.0.0.1:%d" % port), ("Connection", "keep-alive"),
                ("User-Agent", "Mozilla/5.0 Chrome/120"),
                ("Accept", "*/*"), ("Accept-Encoding", "gzip, deflate, br"),
                ("Cookie", "sid=1")]),
            entry("POST", "/echo", [
                (":authority", "127.0.0.1:%d" % port), (":method", "POST"),
                (":path", "/echo"), (":scheme", "http"),
                ("content-type", "application/json"),
                ("accept", "application/json")], "h2", '{"k":"v\u00e9"}'),
        ]}}


MITM = {"log": {"version": "1.2", "creator": {"name": "mitmproxy",
                                              "version": "10.1"},
                "pages": [], "entries": [{
    "startedDateTime": "2024-01-01T10:00:00.000000+00:00", "time": 3.0,
    "request": {"method": "PUT", "url": "URL/echo", "httpVersion": "HTTP/1.1",
                "cookies": [], "headers": [
                    {"name": "Host", "value": "HOST"},
                    {"name": "content-length", "value": "3"}],
                "queryString": [], "headersSize": 60, "bodySize": 3,
                "postData": {"mimeType": "", "text": "AAEC",
                             "encoding": "base64"}},
    "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                 "cookies": [], "headers": [], "content": {
                     "size": 2, "compression": 0, "mimeType": "",
                     "text": "/w==", "encoding": "base64"},
                 "redirectURL": "", "headersSize": 10, "bodySize": 2},
    "cache": {}, "timings": {"send": 0, "receive": 0, "wait": 3,
                             "connect": -1, "ssl": -1},
    "serverIPAddress": "127.0.0.1"}]}}


def foreign(c, d, port):
    write(d, "chrome.har", json.dumps(chrome_har(port)))
    code, out, err = wb("--import", "har", "--", "chrome.har", cwd=d)
    c.ok("a Chrome DevTools HAR imports", code == 0, out + err)
    c.has("h2 pseudo-fields leave, the entry is noted", out,
          "# entry 2 was h2: sent as HTTP/1.1")
    c.lacks("no pseudo-field is sent", out, ":authority")
    write(d, "chrome.wb", out)
    code, run, err = wb("--batch", "chrome.wb", "--format", "json", cwd=d)
    reqs = requests_out(run)
    c.ok("and runs", code == 0 and len(reqs) == 2, run[-2000:] + err)
    if len(reqs) == 2:
        c.ok("entry 1 is sent as recorded, fields in order",
             reqs[0] == ("GET /echo?q=1 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                         "Connection: keep-alive\r\nUser-Agent: Mozilla/5.0 "
                         "Chrome/120\r\nAccept: */*\r\nAccept-Encoding: gzip, "
                         "deflate, br\r\nCookie: sid=1\r\n\r\n" % port)
             .encode(), reqs[0])
        body = '{"k":"v\u00e9"}'.encode()
        c.ok("entry 2: UTF-8 body with its length",
             reqs[1].endswith(b"content-type: application/json\r\naccept: "
                              b"application/json\r\nContent-Length: %d\r\n"
                              b"\r\n" % len(body) + body), reqs[1])
    text = json.dumps(MITM).replace("URL", "http://127.0.0.1:%d" % port)
    write(d, "mitm.har", text.replace("HOST", "127.0.0.1:%d" % port))
    code, out, err = wb("--import", "har", "--", "mitm.har", cwd=d)
    write(d, "mitm.wb", out)
    code2, run, err2 = wb("--batch", "mitm.wb", "--format", "json", cwd=d)
    reqs = requests_out(run)
    c.ok("a mitmproxy HAR with a base64 body imports and runs",
         code == 0 and code2 == 0 and len(reqs) == 1 and
         reqs[0].endswith(b"\r\n\r\n\x00\x01\x02"), out + err + run[-1500:])


BAD = [
    ("not JSON", '{"log": {"entries": [}', "SyntaxError",
     "line 1, column 22: not JSON"),
    ("no log.entries", '{"log": {"version": "1.2"}}', "ValueError",
     "log.entries: missing"),
    ("no log", '[]', "ValueError", "HAR: not a JSON object"),
    ("url of the wrong type", json.dumps({"log": {"entries": [
        {"request": {"method": "GET", "url": "http://127.0.0.1:1/",
                     "headers": []}},
        {"request": {"method": "GET", "url": 5, "headers": []}}]}}),
     "ValueError", "log.entries[1].request.url: of the wrong type"),
    ("bad header", json.dumps({"log": {"entries": [
        {"request": {"method": "GET", "url": "http://127.0.0.1:1/",
                     "headers": [{"name": "X"}]}}]}}),
     "ValueError", "log.entries[0].request.headers: each is"),
    ("empty", '{"log": {"entries": []}}', "ValueError", "empty"),
]


def bad_input(c, d):
    for name, text, err_name, where in BAD:
        write(d, "bad.har", text)
        code, out, err = wb("--import", "har", "--", "bad.har", cwd=d)
        c.ok("%s: %s naming where" % (name, err_name), code == 1 and
             not out and err_name in err and where in err, err)
        code, out, err = wb("--batch", write(d, "bad.wb",
                                             "import har bad.har\n"), cwd=d)
        c.ok("%s: nothing is imported" % name, code == 1 and
             "error: %s" % err_name in out and "wb> open" not in out and
             "wb> putrequest" not in out, out + err)


def session_file(c, d, sent, first_port):
    """--export FORMAT SESSION.wb reads the recording: no server needed."""
    other = demo_server(d)
    script = write(d, "rec-src.wb", SESSION.format(port=other.port))
    code, out, err = wb("--batch", script, "--record", "rec.wb", cwd=d)
    other.stop()  # the export must not need it
    c.ok("a session is recorded", code == 0, out[-1500:] + err)
    code, out, err = wb("--export", "har", "rec.wb", cwd=d)
    ok = code == 0
    doc = json.loads(out) if ok else {}
    problems = validate(doc) if ok else ["export failed: " + err]
    c.ok("--export har SESSION.wb: valid HAR from the recording",
         not problems, "\n".join(problems))
    es = doc.get("log", {}).get("entries", [])
    port = str(other.port).encode()
    want = [r.replace(str(first_port).encode(), b"PORT") for r in sent]
    got = []
    for e in es:
        head = "%s %s %s\r\n" % (e["request"]["method"],
                                  e["request"]["url"].split(str(other.port),
                                                            1)[1],
                                  e["request"]["httpVersion"])
        head += "".join("%s: %s\r\n" % (h["name"], h["value"])
                        for h in e["request"]["headers"]) + "\r\n"
        pd = e["request"].get("postData")
        got.append((head.encode("latin-1") + (body_of(pd) if pd else b""))
                   .replace(port, b"PORT"))
    c.ok("its entries hold the requests the session sent", got == want,
         "%r\n%r" % (got, want))
    c.ok("with the recorded times and address", len(es) == 6 and
         es[0]["timings"]["connect"] >= 0 and
         es[0]["serverIPAddress"] == "127.0.0.1" and
         es[0]["_wirebench"]["frames"][0]["kind"] == "request-line", es[:1])
    for fmt, needle in (("curl", "curl --http1.1"),
                        ("http", "### request 6 (command")):
        code, out, err = wb("--export", fmt, "rec.wb", cwd=d)
        c.ok("--export %s SESSION.wb" % fmt, code == 0 and needle in out,
             out + err)


def main():
    c = Checks()
    d = tempdir()
    demo = demo_server(d)
    try:
        doc, sent = export(c, d, demo.port)
        if doc:
            round_trip(c, d, demo.port, sent)
            expectations(c, d, demo.port, doc)
            session_file(c, d, sent, demo.port)
        foreign(c, d, demo.port)
        bad_input(c, d)
    finally:
        demo.stop()
        cleanup(d)
    c.finish()


if __name__ == "__main__":
    main()
