"""Recording HTTP server on 127.0.0.1 for the differential tests.

Every byte received on each connection is recorded, connections in accept
order. Each complete request (head up to CRLF CRLF, then a body framed by
Content-Length or chunked coding with trailers) is answered with the next
canned response of the case, or DEFAULT_RESPONSE when none are left. A canned
response may ask for the connection to be closed after it: the server then
shuts down its sending side and keeps recording until the client closes.
Bounded: idle timeout per connection, byte cap per connection, connection
cap, and stop() ends everything.
"""

import socket
import threading
import time

DEFAULT_RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", False)
IDLE_TIMEOUT = 3.0       # seconds without a byte before a connection is dropped
MAX_BYTES = 1 << 20      # recorded bytes per connection
MAX_CONNECTIONS = 32
POLL = 0.05              # socket timeout used to notice stop()


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
    """A threaded recording server; use as a context manager or start()/stop()."""

    def __init__(self, responses=()):
        self._responses = list(responses)    # [(bytes, close_after), ...]
        self._lock = threading.Lock()
        self._closing = threading.Event()    # no more connections will come
        self._stop = threading.Event()       # end every connection now
        self._records = []
        self._threads = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(POLL)
        self.port = self._listener.getsockname()[1]
        self.address = f"127.0.0.1:{self.port}"
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop(grace=0)

    def start(self):
        self._acceptor.start()
        return self

    def stop(self, grace=2.0):
        """Ends the server once the client is done; returns the bytes received
        per connection, in accept order.

        Connections still in the listen backlog are accepted first, then each
        connection gets up to grace seconds (in total) to be hung up."""
        self._closing.set()
        self._acceptor.join(2.0)
        deadline = time.monotonic() + grace
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        self._stop.set()
        for thread in list(self._threads):
            thread.join(2.0)
        self._listener.close()
        with self._lock:
            return [bytes(record) for record in self._records]

    def _accept_loop(self):
        while not self._closing.is_set() and len(self._threads) < MAX_CONNECTIONS:
            try:
                self._serve_in_thread(self._listener.accept()[0])
            except (socket.timeout, OSError):
                continue
        self._listener.setblocking(False)
        while len(self._threads) < MAX_CONNECTIONS:
            try:
                self._serve_in_thread(self._listener.accept()[0])
            except OSError:
                break

    def _serve_in_thread(self, sock):
        record = bytearray()
        with self._lock:
            self._records.append(record)
        thread = threading.Thread(target=self._serve, args=(sock, record), daemon=True)
        self._threads.append(thread)
        thread.start()

    def _next_response(self):
        with self._lock:
            return self._responses.pop(0) if self._responses else DEFAULT_RESPONSE

    def _serve(self, sock, record):
        sock.settimeout(POLL)
        pending = bytearray()
        answering = True
        last = time.monotonic()
        with sock:
            while not self._stop.is_set() and time.monotonic() - last < IDLE_TIMEOUT:
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
