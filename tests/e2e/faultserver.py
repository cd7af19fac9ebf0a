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
"""
import fcntl
import socket
import struct
import termios
import threading
import time

HOLD = 6.0      # longest silence of /hang
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
    "/hang-body": (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
                   "hang"),
}


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
            if fault == "hang":
                self._hang(c)
                return "close"
            return fault
        return "close"

    def _hang(self, c):
        deadline = time.monotonic() + HOLD
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(0.05)

