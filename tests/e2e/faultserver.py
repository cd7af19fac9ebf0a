"""A misbehaving HTTP server on 127.0.0.1 for the fault tests.

Each request path picks a fault; every connection thread ends within a few
seconds. With an ssl.SSLContext the same faults happen inside TLS.

  /ok                 200, Content-Length 2, "ok"
  /close-before       reads the request, closes (FIN) without a byte
  /reset-before       reads the request, resets (RST)
  /reset-status       "HTTP/1.1 20", then RST
  /reset-headers      status line and half a header, then RST
  /close-headers      status line and half a header, then FIN
  /reset-chunksize    chunked, one chunk, then half a size line and RST
  /close-chunksize    chunked, one chunk, then half a size line and FIN
  /reset-chunkdata    chunked, a size line, half the data, then RST
  /truncated          Content-Length 10, five bytes, then FIN
  /hang               reads the request, never answers
  /hang-body          headers with Content-Length 10, five bytes, silence
  /evil               200 whose reason, X-Evil header and body are EVIL:
                      ESC, CSI, OSC, BEL, C1 (bytes and UTF-8), BS, DEL,
                      bidi overrides and isolates (UTF-8)
  /evil-utf8          200, text/plain UTF-8 body: ESC, C1 and bidi as UTF-8
  /evil-status        an OSC title escape as the status line, then FIN
  CONNECT evil.tunnel:80   407 with EVIL as the reason, then FIN
  /continues          5,000 "100 Continue" responses, then 200 "ok"
  /endless-continue   "100 Continue" responses until the client goes
  /endless-chunked    a chunked 200 whose chunks never end
  /sink               reads and discards the request body, never answers
(the endless ones stop after STREAM seconds at most)
"""
import fcntl
import socket
import struct
import termios
import threading
import time

HOLD = 6.0      # longest silence of /hang
STREAM = 20.0   # longest run of an endless route
SETTLE = 2.0    # longest wait for the client to acknowledge the partial bytes


def _delivered(c):
    """Waits until the peer has acknowledged every byte sent on c (the send
    queue is empty), so a reset cannot discard them: Linux hands a reader the
    queued bytes before the reset's error. Bounded by SETTLE."""
    deadline = time.monotonic() + SETTLE
    buf = bytearray(4)
    while time.monotonic() < deadline:
        try:
            fcntl.ioctl(c.fileno(), termios.TIOCOUTQ, buf)
        except OSError:
            return
        if struct.unpack("i", bytes(buf))[0] == 0:
            return
        time.sleep(0.001)


def _reset(c):
    _delivered(c)
    try:
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1, 0))
    except OSError:
        pass
    c.close()


CHUNKED = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
           b"5\r\nhello\r\n")

EVIL = (b"\x1b[31mRED\x1b]0;pwned\x07|\x9b1m|\xc2\x9b2m|\x08bs|\x85nel|"
        b"\xe2\x80\xaeRLO|\xe2\x81\xa6iso|\x7fdel")

EVIL_UTF8 = (b"\x1b[31mRED|\xc2\x9b2m|\xe2\x80\xaeRLO|\xe2\x81\xa6iso|"
             b"\x7fdel")

FAULTS = {
    "/ok": (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", None),
    "/close-before": (b"", "close"),
    "/reset-before": (b"", "reset"),
    "/reset-status": (b"HTTP/1.1 20", "reset"),
    "/reset-headers": (b"HTTP/1.1 200 OK\r\nContent-Le", "reset"),
    "/close-headers": (b"HTTP/1.1 200 OK\r\nContent-Le", "close"),
    "/reset-chunksize": (CHUNKED + b"1", "reset"),
    "/close-chunksize": (CHUNKED + b"1", "close"),
    "/reset-chunkdata": (CHUNKED + b"a\r\nhel", "reset"),
    "/truncated": (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
                   "close"),
    "/hang": (b"", "hang"),
    "/continues": (b"HTTP/1.1 100 Continue\r\n\r\n" * 5000 +
                   b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", None),
    "/endless-continue": (b"", "endless-continue"),
    "/endless-chunked": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
                         b"\r\n\r\n", "endless-chunked"),
    "/sink": (b"", "sink"),
    "/evil": (b"HTTP/1.1 200 " + EVIL + b"\r\nX-Evil: " + EVIL +
              b"\r\nContent-Length: %d\r\n\r\n" % len(EVIL) + EVIL, None),
    "/evil-utf8": (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; "
                   b"charset=utf-8\r\nContent-Length: %d\r\n\r\n"
                   % len(EVIL_UTF8) + EVIL_UTF8, None),
    "/evil-status": (b"\x1b]0;pwned\x07 200 \x9b1m\r\n\r\n", "close"),
    "evil.tunnel:80": (b"HTTP/1.1 407 " + EVIL + b"\r\n\r\n", "close"),
    "/hang-body": (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
                   "hang"),
}


STREAMS = {"endless-continue": b"HTTP/1.1 100 Continue\r\n\r\n" * 64,
           "endless-chunked": b"10\r\n0123456789abcdef\r\n" * 256,
           "sink": None}


class FaultServer:
    def __init__(self, tls=None):
        self.tls = tls
        self.s = socket.socket()
        self.s.bind(("127.0.0.1", 0))
        self.s.listen(16)
        self.port = self.s.getsockname()[1]
        self.stopping = False
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self):
        self.stopping = True
        self.s.close()

    def _accept(self):
        for _ in range(500):
            try:
                c, _ = self.s.accept()
            except OSError:
                return
            threading.Thread(target=self._conn, args=(c,), daemon=True).start()

    def _read_head(self, c):
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            more = c.recv(4096)
            if not more:
                return None
            data += more
        return data

    def _conn(self, raw):
        raw.settimeout(HOLD)
        c = raw
        try:
            if self.tls:
                c = self.tls.wrap_socket(raw, server_side=True)
            fault = self._serve(c)
        except (OSError, ValueError, IndexError):
            fault = "close"
        if fault == "reset":
            _reset(c)  # an SSLSocket closes without close_notify: RST too
        else:
            c.close()

    def _serve(self, c):
        """Answers requests until one carries a fault; returns it."""
        for _ in range(20):
            head = self._read_head(c)
            if head is None:
                return "close"
            path = head.split(b" ", 2)[1].decode("latin-1")
            data, fault = FAULTS.get(path, FAULTS["/ok"])
            if data:
                c.sendall(data)
            if fault is None:
                continue
            if fault in STREAMS:
                self._stream(c, STREAMS[fault])
                return "close"
            if fault == "hang":
                self._hang(c)
                return "close"
            return fault
        return "close"

    def _stream(self, c, piece):
        """Sends piece (or, when None, reads) until the client goes."""
        deadline = time.monotonic() + STREAM
        while not self.stopping and time.monotonic() < deadline:
            if piece is None:
                if not c.recv(65536):
                    return
            else:
                c.sendall(piece)

    def _hang(self, c):
        deadline = time.monotonic() + HOLD
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.05)

