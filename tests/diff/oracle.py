"""Runs a wirebench case script through Python's http.client (the oracle).

Usage: python3 oracle.py CASE.wb [--server HOST:PORT]

Without --server a recording server is started for the case and the bytes it
received are printed after the results. Each command line gives one JSON
object shaped like wirebench's `--batch --format json` output.

Case files may carry harness directives in comments (wirebench ignores them):
    #@respond WORD...         canned response: the words joined, Latin-1
    #@respond-close WORD...   the same, then the server closes the connection
`$SERVER` anywhere in a case is replaced by the recording server's address.
"""

import argparse
import contextlib
import errno
import http.client
import io
import json
import os
import re
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import recserver  # noqa: E402

ESCAPES = {"r": "\r", "n": "\n", "t": "\t", "0": "\0", "\\": "\\", '"': '"'}
BLANKS = " \t\r\n"
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class UsageError(Exception):
    """A case line the command language does not allow."""


class Word(str):
    """A word of a command line; `quoted` tells whether any part was quoted."""

    def __new__(cls, text, quoted):
        word = super().__new__(cls, text)
        word.quoted = quoted
        return word

    def is_option(self):
        return not self.quoted and (self == "-H" or self.startswith("--")
                                    or self == "encode_chunked")


def _double_quoted(line, i):
    """Reads a "..." part starting after its quote; returns (text, next index)."""
    out = []
    while i < len(line):
        c = line[i]
        if c == '"':
            return "".join(out), i + 1
        if c != "\\":
            out.append(c)
            i += 1
        elif line[i + 1:i + 2] in ESCAPES:
            out.append(ESCAPES[line[i + 1]])
            i += 2
        elif line[i + 1:i + 2] == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", line[i + 2:i + 4]):
            out.append(chr(int(line[i + 2:i + 4], 16)))
            i += 4
        elif line[i + 1:i + 2] == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", line[i + 2:i + 6]) \
                and not 0xD800 <= int(line[i + 2:i + 6], 16) <= 0xDFFF:
            out.append(chr(int(line[i + 2:i + 6], 16)))
            i += 6
        else:
            raise UsageError(f"bad escape at column {i + 1}")
    raise UsageError("unterminated double quote")


def _single_quoted(line, i):
    """Reads a '...' part (literal text); returns (text, next index)."""
    end = line.find("'", i)
    if end < 0:
        raise UsageError("unterminated single quote")
    return line[i:end], end + 1


def _word(line, i):
    """Reads one word starting at i; returns (Word, next index)."""
    text, quoted = [], False
    while i < len(line) and line[i] not in BLANKS:
        c = line[i]
        if c in "\"'":
            reader = _double_quoted if c == '"' else _single_quoted
            part, i = reader(line, i + 1)
            text.append(part)
            quoted = True
        elif c == "\\" and i + 1 < len(line):
            text.append(line[i + 1])
            i += 2
        else:
            text.append(c)
            i += 1
    return Word("".join(text), quoted), i


def split_words(line):
    """Splits a line into Words like a shell; `#` at a word start is a comment."""
    words, i = [], 0
    while True:
        while i < len(line) and line[i] in BLANKS:
            i += 1
        if i >= len(line) or line[i] == "#":
            return words
        word, i = _word(line, i)
        words.append(word)


def load_case(path, server=None):
    """Returns (commands, responses).

    commands are (number, line, words): number counts command lines from 1,
    line is the text without its line terminator (as wirebench reports it)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if server is not None:
        text = text.replace("$SERVER", server)
    commands, responses = [], []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip(BLANKS).startswith("#@"):
            responses.append(_directive(split_words(line.strip(BLANKS)[2:]), number))
            continue
        words = split_words(line)
        if words:
            commands.append((len(commands) + 1, line, words))
    return commands, responses


def _directive(words, number):
    if not words or words[0] not in ("respond", "respond-close"):
        raise UsageError(f"line {number}: unknown directive")
    data = "".join(words[1:]).encode("latin-1")
    return data, words[0] == "respond-close"


class OracleConnection(http.client.HTTPConnection):
    """HTTPConnection whose TCP connection may go to another address."""

    connect_to = None

    def connect(self):
        if self.connect_to is None:
            return super().connect()
        sys.audit("http.client.connect", self, self.host, self.port)
        self.sock = self._create_connection(
            self.connect_to, self.timeout, self.source_address)
        try:
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as e:
            if e.errno != errno.ENOPROTOOPT:
                raise
        if self._tunnel_host:
            self._tunnel()


def _host_port(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"expected HOST:PORT, got {text!r}")
    return host, int(port)


def _options(words, allowed):
    """Parses `--name value` pairs into a dict; rejects anything else."""
    options = {}
    if len(words) % 2:
        raise UsageError("option without value")
    for name, value in zip(words[::2], words[1::2]):
        if name.quoted or name not in allowed:
            raise UsageError(f"unknown option {name!r}")
        options[name] = value
    return options


def _split_header(text):
    name, colon, value = text.partition(":")
    if not colon:
        raise UsageError(f"header without ':': {text!r}")
    return name, value.lstrip(" \t")


class Oracle:
    """Executes command lines against http.client, one result dict each."""

    def __init__(self, base_dir):
        self.base_dir = base_dir
        self.conn = None
        self.response = None
        self.owned = []          # connections, responses and files to close

    def run(self, commands):
        try:
            return [self.execute(n, text, words) for n, text, words in commands]
        finally:
            self.close_all()

    def close_all(self):
        for thing in reversed(self.owned):
            with contextlib.suppress(Exception):
                thing.close()
        self.owned.clear()

    def execute(self, number, text, words):
        out = io.StringIO()
        result = error = None
        try:
            with contextlib.redirect_stdout(out):
                result = self.dispatch(words)
        except UsageError as exc:
            raise UsageError(f"{text!r}: {exc}") from None
        except Exception as exc:  # every http.client error is a result
            error = {"name": type(exc).__name__, "message": str(exc)}
        debug = ADDRESS.sub(" at 0x?", out.getvalue()).split("\n")
        if debug[-1] == "":
            debug.pop()
        return {"n": number, "line": text, "ok": error is None, "error": error,
                "debug": debug, "result": result}

    def dispatch(self, words):
        handler = getattr(self, "cmd_" + words[0], None)
        if words[0].quoted or handler is None:
            raise UsageError(f"unknown command {words[0]!r}")
        return handler(words[1:])

    def _body(self, word, as_text, encoding=None):
        """A BODY word: a text file (@text:path, opened "r" in encoding,
        default utf-8), a binary file (@path), else text as str or Latin-1
        bytes."""
        if not word.quoted and word.startswith("@text:"):
            f = self._open(word[6:], "r", encoding=encoding or "utf-8")
            f.buffer.raw.name = str(word[6:])
            self.owned.append(f)
            return f
        if encoding is not None:
            raise UsageError("--encoding needs an @text:FILE body")
        if not word.quoted and word.startswith("@"):
            f = self._open(word[1:], "rb")
            f.raw.name = str(word[1:])
            self.owned.append(f)
            return f
        return str(word) if as_text else str(word).encode("latin-1")

    def _open(self, name, mode, **kw):
        """open() relative to the case's folder; an error names the file
        as the script wrote it, as open(name) run from there would."""
        try:
            return open(os.path.join(self.base_dir, name), mode, **kw)
        except OSError as exc:
            raise type(exc)(exc.errno, exc.strerror, str(name)) from None

    @staticmethod
    def _encoding(words):
        """The value of `--encoding E` among words, or None."""
        for i, word in enumerate(words[:-1]):
            if word.is_option() and word == "--encoding":
                return str(words[i + 1])
        return None

    def _tail(self, words, text_body):
        """Parses `[BODY] [-H h]... [--pieces W...] [--encoding E]
        [encode_chunked]`."""
        body, headers, chunked, i = None, {}, False, 0
        encoding = self._encoding(words)
        while i < len(words):
            word = words[i]
            if word.is_option() and word == "--encoding" and i + 1 < len(words):
                i += 2
            elif word.is_option() and word == "-H" and i + 1 < len(words):
                name, value = _split_header(words[i + 1])
                headers[name] = value
                i += 2
            elif word.is_option() and word == "encode_chunked":
                chunked, i = True, i + 1
            elif word.is_option() and word == "--pieces" and body is None:
                j = i + 1
                while j < len(words) and not words[j].is_option():
                    j += 1
                body, i = [str(w).encode("latin-1") for w in words[i + 1:j]], j
            elif not word.is_option() and body is None:
                body, i = self._body(word, text_body, encoding), i + 1
            else:
                raise UsageError(f"unexpected word {word!r}")
        return body, headers, chunked

    def cmd_open(self, args):
        if not args or not args[0].startswith("http://"):
            raise UsageError("open needs an http:// URL")
        options = _options(args[1:], ("--timeout", "--connect-to", "--blocksize"))
        kwargs = {}
        if "--timeout" in options:
            kwargs["timeout"] = float(options["--timeout"])
        if "--blocksize" in options:
            kwargs["blocksize"] = int(options["--blocksize"])
        conn = OracleConnection(re.split(r"[/?#]", args[0][7:])[0], **kwargs)
        if "--connect-to" in options:
            conn.connect_to = _host_port(options["--connect-to"])
        if self.conn is not None:
            self.conn.close()
        self.response = None
        self.conn = conn
        self.owned.append(conn)

    def cmd_putrequest(self, args):
        flags = [w for w in args[2:] if not w.quoted]
        if len(args) < 2 or len(flags) != len(args) - 2 or \
                not set(flags) <= {"skip_host", "skip_accept_encoding"}:
            raise UsageError("putrequest METHOD URL [skip_host] [skip_accept_encoding]")
        self.conn.putrequest(str(args[0]), str(args[1]),
                             skip_host="skip_host" in flags,
                             skip_accept_encoding="skip_accept_encoding" in flags)

    def cmd_putheader(self, args):
        if not args:
            raise UsageError("putheader NAME [VALUE...]")
        self.conn.putheader(*[str(w) for w in args])

    def cmd_endheaders(self, args):
        body, headers, chunked = self._tail(args, text_body=False)
        if headers:
            raise UsageError("endheaders takes no -H")
        self.conn.endheaders(body, encode_chunked=chunked)

    def cmd_send(self, args):
        body, headers, chunked = self._tail(args, text_body=False)
        if body is None or headers or chunked:
            raise UsageError("send BODY")
        self.conn.send(body)

    def cmd_request(self, args):
        if len(args) < 2:
            raise UsageError("request METHOD URL [BODY] [-H h]... [encode_chunked]")
        body, headers, chunked = self._tail(args[2:], text_body=True)
        self.conn.request(str(args[0]), str(args[1]), body, headers,
                          encode_chunked=chunked)

    def cmd_getresponse(self, args):
        response = self.conn.getresponse()
        self.response = response
        self.owned.append(response)
        return {"status": response.status, "reason": response.reason,
                "version": response.version,
                "headers": [list(item) for item in response.msg.items()],
                "will_close": bool(response.will_close),
                "chunked": bool(response.chunked), "length": response.length}

    def _reader(self, name, args):
        if len(args) > 1:
            raise UsageError(f"{name} [N]")
        method = getattr(self.response, name)
        data = method(int(args[0])) if args else method()
        return {"bytes": len(data), "data": data.decode("latin-1")}

    def cmd_read(self, args):
        return self._reader("read", args)

    def cmd_read1(self, args):
        return self._reader("read1", args)

    def cmd_readline(self, args):
        return self._reader("readline", args)

    def cmd_peek(self, args):
        return self._reader("peek", args)

    def _readinto(self, name, args):
        if len(args) != 1 or int(args[0]) < 0:
            raise UsageError(f"{name} N")
        buffer = bytearray(int(args[0]))
        count = getattr(self.response, name)(buffer)
        return {"bytes": count, "data": bytes(buffer[:count]).decode("latin-1")}

    def cmd_readinto(self, args):
        return self._readinto("readinto", args)

    def cmd_readinto1(self, args):
        return self._readinto("readinto1", args)

    ATTRS = ("status", "reason", "version", "code", "chunked", "chunk_left",
             "length", "will_close", "debuglevel", "closed", "fp", "msg",
             "headers")

    @staticmethod
    def _repr(value):
        """repr(), except an HTTPMessage shows its items."""
        if isinstance(value, http.client.HTTPMessage):
            return f"HTTPMessage({value.items()!r})"
        return repr(value)

    def cmd_attrs(self, args):
        if self.response is None:
            raise UsageError("no response yet: use getresponse")
        names = [str(a) for a in args] or list(self.ATTRS)
        if len(names) == 1:
            return {"repr": self._repr(getattr(self.response, names[0]))}
        return {"repr": ", ".join(f"{name}={self._repr(getattr(self.response, name))}"
                                  for name in names)}

    RESPONSE_METHODS = {"close": 0, "fileno": 0, "getcode": 0, "info": 0,
                        "geturl": 0, "begin": 0, "flush": 0, "readable": 0,
                        "seekable": 0, "writable": 0, "isatty": 0, "tell": 0,
                        "detach": 0, "seek": (1, 2), "truncate": (0, 1),
                        "write": 1, "writelines": None}

    def cmd_response(self, args):
        if self.response is None:
            raise UsageError("no response yet: use getresponse")
        if not args or args[0] not in self.RESPONSE_METHODS:
            raise UsageError("response METHOD [ARG...]")
        name, rest = str(args[0]), [str(a).encode("latin-1") for a in args[1:]]
        allowed = self.RESPONSE_METHODS[name]
        if name == "writelines":
            rest = [rest]
        elif name in ("seek", "truncate"):
            rest = [int(a) for a in rest]
        if allowed is not None and not (
                len(rest) == allowed if isinstance(allowed, int)
                else allowed[0] <= len(rest) <= allowed[1]):
            raise UsageError(f"response {name}: wrong number of arguments")
        return {"repr": self._repr(getattr(self.response, name)(*rest))}

    def cmd_getheader(self, args):
        if not 1 <= len(args) <= 2:
            raise UsageError("getheader NAME [DEFAULT]")
        if self.response is None:
            raise UsageError("no response yet: use getresponse")
        return {"repr": repr(self.response.getheader(*[str(a) for a in args]))}

    def cmd_getheaders(self, args):
        if self.response is None:
            raise UsageError("no response yet: use getresponse")
        return {"repr": repr(self.response.getheaders())}

    def cmd_isclosed(self, args):
        if self.response is None:
            raise UsageError("no response yet: use getresponse")
        return {"repr": repr(self.response.isclosed())}

    def cmd_set_debuglevel(self, args):
        self.conn.set_debuglevel(int(args[0]))

    def cmd_set_tunnel(self, args):
        headers = dict(_split_header(w) for w in args[1:])
        self.conn.set_tunnel(str(args[0]), headers=headers or None)

    def cmd_connect(self, args):
        self.conn.connect()

    def cmd_close(self, args):
        self.conn.close()

    def cmd_state(self, args):
        conn = self.conn
        return {"state": conn._HTTPConnection__state,
                "socket": conn.sock is not None,
                "pending": conn._HTTPConnection__response is not None,
                "buffer": [bytes(item).decode("latin-1") for item in conn._buffer],
                "response_closed": (self.response.isclosed()
                                    if self.response is not None else None)}


def run_case(path, server):
    """Runs the case at path with $SERVER = server; returns the result dicts."""
    commands, _ = load_case(path, server)
    return Oracle(os.path.dirname(os.path.abspath(path))).run(commands)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case")
    parser.add_argument("--server", help="use this server instead of a recording one")
    args = parser.parse_args()
    try:
        return run_and_print(args)
    except UsageError as exc:
        print(f"oracle.py: {args.case}: {exc}", file=sys.stderr)
        return 2


def run_and_print(args):
    if args.server:
        results, received = run_case(args.case, args.server), None
    else:
        with recserver.RecServer(load_case(args.case)[1]) as server:
            results = run_case(args.case, server.address)
            received = server.stop()
    for result in results:
        print(json.dumps(result, ensure_ascii=False))
    for number, data in enumerate(received or ()):
        print(f"# connection {number}: {data!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
