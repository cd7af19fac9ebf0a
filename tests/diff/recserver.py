"""Recording HTTP server on 127.0.0.1 for the differential tests.

Every byte received on each connection is recorded, connections in accept
order. Each complete request (head up to CRLF CRLF, then a body framed by
Content-Length or chunked coding with trailers) is answered with the next
canned response of the case, or DEFAULT_RESPONSE when none are left. A canned
response may ask for the connection to be closed after it: the server then
shuts down its sending side and keeps recording until the client closes.
Bounded: idle timeout per connection, byte cap per connection, connection
cap, and finish() ends every connection of a case.
"""

import os
import select
import socket
import threading
import time

DEFAULT_RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", False)
IDLE_TIMEOUT = 3.0       # seconds without a byte before a connection is dropped
MAX_BYTES = 1 << 20      # recorded bytes per connection
MAX_CONNECTIONS = 32
POLL = 0.05              # socket timeout used to notice the end of a case


def _header_values(head):
    """Maps lower-cased header names to their first value, from raw head bytes."""
    values = {}
    for line in head.split(b"\r\n"):
        name, colon, value = line.partition(b":")
        if colon:
            values.setdefault(name.strip().lower(), value.strip())
    return values


def _chunked_end(buf, pos):
    """Offset just past a chunked body starting at pos, or None if incomplete."""
    for _ in range(len(buf) + 1):
        eol = buf.find(b"\r\n", pos)
        if eol < 0:
            return None
        try:
            size = int(bytes(buf[pos:eol]).split(b";")[0].strip(), 16)
        except ValueError:
            return eol + 2          # unparsable size line ends the request
        pos = eol + 2
        if size <= 0:
            return _trailers_end(buf, pos)
        if len(buf) < pos + size + 2:
            return None
        pos += size + 2
    return None


def _trailers_end(buf, pos):
    """Offset just past the trailer section starting at pos, or None."""
    for _ in range(len(buf) + 1):
        eol = buf.find(b"\r\n", pos)
        if eol < 0:
            return None
        if eol == pos:
            return eol + 2
        pos = eol + 2
    return None


def request_length(buf):
    """Length of the first complete request in buf, or None if incomplete."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    body = end + 4
    headers = _header_values(bytes(buf[:end]))
    if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
        return _chunked_end(buf, body)
    try:
        length = max(0, int(headers.get(b"content-length", b"0")))
    except ValueError:
        length = 0
    return body + length if len(buf) >= body + length else None


class RecServer:
    """A threaded recording server, reusable across cases.

    begin(responses) starts a case, finish() ends it and returns what each of
    its connections sent; the listener stays open in between, so a run of
    many cases pays for one server. start()/stop() (or a with block) run a
    single case. The acceptor sleeps in select() on the listener and a wake
    pipe, so ending a case or the server costs no polling delay."""

    def __init__(self, responses=()):
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self.port = self._listener.getsockname()[1]
        self.address = f"127.0.0.1:{self.port}"
        self._wake_r, self._wake_w = os.pipe()
        self._drained = threading.Event()    # the acceptor emptied the backlog
        self._closed = False
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)
        self.begin(responses)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop(grace=0)

    def start(self):
        self._acceptor.start()
        return self

    def begin(self, responses=()):
        """Starts a case: these canned responses, no connections yet."""
        with self._lock:
            self._responses = list(responses)    # [(bytes, close_after), ...]
            self._records = []
            self._threads = []
            self._stop = threading.Event()       # end this case's connections

    def finish(self, grace=2.0):
        """Ends the case once the client is done; returns the bytes received
        per connection, in accept order.

        Connections still in the listen backlog are accepted first, then each
        connection gets up to grace seconds (in total) to be hung up."""
        if self._acceptor.is_alive():
            self._drained.clear()
            os.write(self._wake_w, b"d")
            self._drained.wait(2.0)
        with self._lock:
            threads, records, stop = list(self._threads), self._records, self._stop
        deadline = time.monotonic() + grace
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(2.0)
        with self._lock:
            return [bytes(record) for record in records]

    def stop(self, grace=2.0):
        """Ends the case and the server; returns what finish() returns (once:
        a second call, as from __exit__ after an explicit stop, returns [])."""
        if self._closed:
            return []
        received = self.finish(grace)
        self._closed = True
        if self._acceptor.is_alive():
            os.write(self._wake_w, b"q")
            self._acceptor.join(2.0)
        self._listener.close()
        os.close(self._wake_r)
        os.close(self._wake_w)
        return received

    def _accept_loop(self):
        while True:
            ready, _, _ = select.select([self._listener, self._wake_r], [], [])
            if self._wake_r in ready:
                os.read(self._wake_r, 64)
                self._accept_backlog()
                self._drained.set()
                if self._closed:
                    return
            elif self._listener in ready:
                self._accept_one()

    def _accept_one(self):
        """Accepts one connection; False when none is waiting or the case
        has its fill."""
        if len(self._threads) >= MAX_CONNECTIONS:
            return False
        try:
            sock = self._listener.accept()[0]
        except OSError:
            return False
        self._serve_in_thread(sock)
        return True

    def _accept_backlog(self):
        for _ in range(MAX_CONNECTIONS):
            if not self._accept_one():
                break

    def _serve_in_thread(self, sock):
        record = bytearray()
        with self._lock:
            self._records.append(record)
            thread = threading.Thread(target=self._serve,
                                      args=(sock, record, self._stop),
                                      daemon=True)
            self._threads.append(thread)
        thread.start()

    def _next_response(self):
        with self._lock:
            return self._responses.pop(0) if self._responses else DEFAULT_RESPONSE

    def _serve(self, sock, record, stop):
        sock.settimeout(POLL)
        pending = bytearray()
        answering = True
        last = time.monotonic()
        with sock:
            while not stop.is_set() and time.monotonic() - last < IDLE_TIMEOUT:
                try:
                    data = sock.recv(65536)
                except socket.timeout:
                    continue
                except OSError:
                    break
                if not data or len(record) + len(data) > MAX_BYTES:
                    break
                last = time.monotonic()
                with self._lock:
                    record += data
                pending += data
                if answering:
                    answering = self._answer(sock, pending)

    def _answer(self, sock, pending):
        """Answers every complete request in pending; False once closed."""
        for _ in range(len(pending) + 1):
            size = request_length(pending)
            if size is None:
                return True
            del pending[:size]
            response, close = self._next_response()
            try:
                sock.sendall(response)
                if close:
                    sock.shutdown(socket.SHUT_WR)
            except OSError:
                return False
            if close:
                return False
        return True
