#!/usr/bin/env python3
"""End-to-end tests of the curses workbench: the real binary under tmux on a
private socket, driven with send-keys against the demo server on 127.0.0.1.
Every check polls the screen with a timeout; nothing sleeps blindly.
Env: WB = path of the binary (default build/wirebench).
Last line printed: "N passed, N failed"."""
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "e2e"))
import certs  # noqa: E402
import faultserver  # noqa: E402
import netpeers  # noqa: E402

WB = os.path.abspath(os.environ.get("WB", "build/wirebench"))
SOCK = "wbtest-%d" % os.getpid()
START = time.monotonic()
BUDGET = 85.0  # seconds for the whole run
STATE = tempfile.mkdtemp(prefix="wbtui-")
PROMPT = "wbsh$ "
results = []


class Fail(Exception):
    pass


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCK] + list(args),
                          capture_output=True, text=True, timeout=10)


def screen():
    return tmux("capture-pane", "-p", "-t", "wb").stdout


def wait_for(pred, what, timeout=8.0):
    """Polls the screen until pred(text) holds; raises Fail with the screen."""
    end = min(time.monotonic() + timeout, START + BUDGET)
    text = ""
    while time.monotonic() < end:
        text = screen()
        if pred(text):
            return text
        time.sleep(0.05)
    raise Fail("timed out waiting for %s; screen:\n%s" % (what, text))


def wait_text(s, timeout=8.0):
    return wait_for(lambda t: s in t, repr(s), timeout)


def keys(*k):
    tmux("send-keys", "-t", "wb", *k)


def line(s):
    tmux("send-keys", "-t", "wb", "-l", s)
    keys("Enter")


def start_server():
    p = subprocess.Popen([WB, "--serve", "0"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    ready, _, _ = select.select([p.stdout], [], [], 10)
    first = p.stdout.readline() if ready else ""
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    if not m:
        p.kill()
        raise SystemExit("demo server did not start: %r" % first)
    return p, int(m.group(1))


def new_session(width, height, state=STATE):
    tmux("kill-session", "-t", "wb")
    for _ in range(3):  # the server may still be exiting after kill-session
        r = tmux("new-session", "-d", "-s", "wb", "-x", str(width), "-y",
                 str(height), "env LANG=C.UTF-8 XDG_STATE_HOME='%s' PS1='%s' "
                 "bash --norc --noprofile" % (state, PROMPT))
        if r.returncode == 0:
            break
        print("note: tmux new-session failed: %s" % r.stderr.strip())
        time.sleep(0.2)
    tmux("set-option", "-g", "window-size", "manual")
    tmux("resize-window", "-t", "wb", "-x", str(width), "-y", str(height))
    wait_text(PROMPT.strip())


def at_prompt(text):
    return any(r.startswith(PROMPT.strip()) for r in text.splitlines())


def launch(port, width=100, height=30, state=STATE):
    new_session(width, height, state)
    line("%s http://127.0.0.1:%d/" % (WB, port))
    wait_text("wb> open http://127.0.0.1:%d/" % port)


def check(name, fn):
    if time.monotonic() - START > BUDGET:
        results.append((name, "skipped: time budget used"))
        return
    try:
        fn()
        results.append((name, None))
    except Fail as e:
        results.append((name, str(e)))
    except Exception as e:  # a broken test must fail, not stop the run
        results.append((name, "%s: %s" % (type(e).__name__, e)))


def expect(cond, msg, text=""):
    if not cond:
        raise Fail(msg + ("\nscreen:\n" + text if text else ""))


def wire_rows(text):
    return [r for r in text.splitlines() if r.startswith((">", "<", "x|"))]


# ---- the tests ------------------------------------------------------------

def t_first_screen():
    t = wait_text("type:  request GET /chunked")
    expect("F1 help" in t, "no help hint", t)
    expect(t.splitlines()[-1].startswith("wb>"), "no prompt on the last row", t)


def t_putheader_buffered():
    line("putrequest GET /chunked?n=3&size=5")
    wait_text(">| buf   GET /chunked?n=3&size=5 HTTP/1.1\u240d\u240a")
    line("putheader Accept text/plain")
    t = wait_text(">| buf   Accept: text/plain\u240d\u240a")
    expect(not any(r.startswith(">>") for r in wire_rows(t)),
           "something is on the wire before endheaders", t)
    expect("Request-started" in t, "status does not show Request-started", t)


def t_endheaders_flushes():
    line("endheaders")
    t = wait_text("went on the wire just now")
    expect(">> sent  Accept: text/plain\u240d\u240a" in t, "header not sent", t)
    expect(">> sent  GET /chunked" in t, "request line not sent", t)
    expect(not any(r.startswith(">| buf") for r in wire_rows(t)),
           "a buffered frame is left after endheaders", t)
    expect("Request-sent" in t, "status does not show Request-sent", t)


def t_chunked_response():
    line("getresponse")
    wait_text("<< in    HTTP/1.1 200 OK")
    line("read")
    t = wait_text("body: 15 bytes read")
    for k in (1, 2, 3):
        expect("5\u240d\u240a  chunk-size = 5, chunk #%d" % k in t,
               "chunk-size line %d not marked" % k, t)
    expect("last-chunk = 0" in t, "last-chunk not marked", t)
    expect("abcdefghijklmno" in t, "body preview missing", t)
    expect("unread: 0 (body complete)" in t, "unread count missing", t)


def t_chunked_upload():
    line("putrequest POST /echo")
    line("putheader Transfer-Encoding chunked")
    line("endheaders encode_chunked")
    wait_text("went on the wire just now")
    line("chunk hello")
    t = wait_text("hello")
    t = wait_for(lambda s: re.search(r">> sent  5\u240d\u240a  chunk-size = 5",
                                     s), "outgoing chunk-size line")
    line("endchunks")
    t = wait_for(lambda s: re.search(r">> sent  0\u240d\u240a", s),
                 "outgoing last-chunk")
    line("getresponse")
    line("read")
    t = wait_text("unread: 0 (body complete)")
    expect("POST /echo HTTP/1.1" in t, "echo body not previewed", t)


def t_search_and_hex():
    """/ then Enter jumps to the latest match above; F2 toggles hex."""
    keys("/")
    tmux("send-keys", "-t", "wb", "-l", "Accept-Enc")
    keys("Enter")
    t = wait_text("search: Accept-Enc")
    expect("[scrolled" in t, "search did not leave follow mode", t)
    expect(any("Accept-Encoding: identity" in r for r in wire_rows(t)),
           "the match is not on screen", t)
    keys("F2")
    t = wait_text("[hex]")
    expect(re.search(r"0000  [0-9a-f]{2} [0-9a-f]{2} ", t),
           "no hex dump rows", t)
    keys("F2")
    keys("F4")
    t = wait_for(lambda s: "[follow]" in s and "[hex]" not in s,
                 "back to text in follow mode")


def t_error_in_place():
    line("putheader X-Late yes")
    t = wait_text("CannotSendHeader")
    line("state")
    t = wait_text("state=Idle")
    expect("CannotSendHeader" in t, "error vanished", t)


def t_preview():
    tmux("send-keys", "-t", "wb", "-l", "putrequest GET /x")
    t = wait_text("\u2192 GET /x HTTP/1.1\u240d\u240aHost: 127.0.0.1")
    keys("C-c")
    wait_for(lambda s: s.splitlines()[-1].rstrip() == "wb>", "cleared line")
    t = screen()
    expect("GET /x" not in "\n".join(wire_rows(t)), "preview reached the wire", t)


def t_resize():
    for w, h in ((80, 24), (100, 30)):
        tmux("resize-window", "-t", "wb", "-x", str(w), "-y", str(h))
        t = wait_for(lambda s: len(s.splitlines()) == h and
                     s.splitlines()[-1].startswith("wb>") and
                     " Response" in s and " Wire" in s,
                     "layout at %dx%d" % (w, h))
        rows = t.splitlines()
        expect(rows[0].startswith(" http://127.0.0.1"), "status row lost", t)
        expect(all(len(r) <= w for r in rows), "a row is wider than %d" % w, t)


def t_cancel_slow_read():
    line("request GET /slow?n=100&delay=200")
    line("getresponse")
    wait_text("200 OK")
    line("read")
    wait_text("waiting: read")
    keys("C-c")
    t = wait_text("KeyboardInterrupt", timeout=5)
    line("state")
    t = wait_for(lambda s: "state=" in s and "waiting" not in s.splitlines()[0],
                 "program running after the cancel")


def t_help():
    keys("F1")
    t = wait_text(" Help")
    expect("Keys:" in t and "F10" in t, "help lacks the keys", t)
    keys("NPage")
    wait_text("putrequest METHOD URL")
    keys("Escape")
    wait_for(lambda s: " Wire" in s and " Help" not in s, "help closed")


def restored(t):
    alt = tmux("display-message", "-p", "-t", "wb", "#{alternate_on}").stdout
    expect(alt.strip() == "0", "still on the alternate screen", t)
    line("echo restored-$((6*7))")
    t = wait_text("restored-42")
    expect("Sanitizer" not in t and "runtime error" not in t,
           "sanitizer report at exit", t)


def t_quit_restores():
    line("quit")
    t = wait_for(at_prompt, "shell prompt")
    restored(t)


def t_history_persists(port):
    launch(port)
    keys("Up")
    wait_for(lambda s: s.splitlines()[-1].startswith("wb> quit"),
             "history recalls the last command")
    keys("C-c")


def t_history_folder_made(port):
    """The history folder is made with its missing parents (0700) and the
    history is saved as soon as a line is entered."""
    state = os.path.join(STATE, "no", "such", "parents")
    launch(port, state=state)
    line("state")
    wait_text("state=Idle")
    hist = os.path.join(state, "wirebench", "history")
    end = time.monotonic() + 5
    while not os.path.exists(hist) and time.monotonic() < end:
        time.sleep(0.05)
    expect(os.path.exists(hist), "no history file at %s" % hist, screen())
    mode = os.stat(os.path.dirname(hist)).st_mode & 0o777
    expect(mode == 0o700, "folder mode %o" % mode, screen())
    with open(hist) as f:
        expect("state" in f.read().split("\n"), "line not saved", screen())
    line("quit")
    wait_for(at_prompt, "shell prompt")


def t_history_failure_shown(port):
    """A history that cannot be saved is reported once, visibly."""
    blocker = os.path.join(STATE, "a-file")
    with open(blocker, "w") as f:
        f.write("not a folder\n")
    launch(port, state=os.path.join(blocker, "sub"))
    line("state")
    t = wait_text("history is not saved: cannot create")
    expect("a-file/sub/wirebench: Not a directory" in t, "no reason", t)
    line("state")
    t = wait_for(lambda s: s.count("state=Idle") == 2, "second state")
    expect(t.count("history is not saved") == 1, "reported more than once", t)
    line("quit")
    wait_for(at_prompt, "shell prompt")


def t_sigterm_restores():
    pane = tmux("display-message", "-p", "-t", "wb", "#{pane_pid}").stdout
    kids = subprocess.run(["pgrep", "-P", pane.strip()], capture_output=True,
                          text=True).stdout.split()
    expect(len(kids) == 1, "cannot find the workbench process")
    os.kill(int(kids[0]), signal.SIGTERM)
    t = wait_for(at_prompt, "shell prompt after SIGTERM")
    restored(t)


def t_small_terminal_flow(port):
    launch(port, 80, 24)
    line("request GET /chunked?n=3&size=5")
    line("getresponse")
    line("read")
    t = wait_text("body: 15 bytes read")
    expect("chunk-size = 5, chunk #3" in t, "chunk marks at 80x24", t)
    expect(all(len(r) <= 80 for r in t.splitlines()), "row wider than 80", t)
    line("quit")
    wait_for(at_prompt, "shell prompt")


def t_tls_insecure_visible(port):
    """--insecure is loud: on the status line and as a warning frame."""
    launch(port)
    d = tempfile.mkdtemp(prefix="wbtui-tls-")
    pki = certs.make_pki(d)
    peer = netpeers.s_server(d, "tui", "-cert", pki["srv"], "-key",
                             pki["srv_key"])
    try:
        line("open https://127.0.0.1:%d --insecure --timeout 5" % peer.port)
        t = wait_text("TLS VERIFY OFF")
        expect(t.splitlines()[0].find("TLS VERIFY OFF") >= 0,
               "the warning is not on the status line", t)
        line("request GET /")
        t = wait_text("!!")
        expect("verif" in t.lower(), "no warning frame about verification", t)
        line("quit")
        wait_for(at_prompt, "shell prompt")
    finally:
        peer.stop()
        netpeers.cleanup(d)


def t_cancel_flood(demo_port, port):
    """Esc and Ctrl-C end a read whose data never stops arriving."""
    launch(demo_port)
    line("open http://127.0.0.1:%d/" % port)
    for key in ("Escape", "C-c"):
        line("request GET /endless-chunked")
        line("getresponse")
        line("read")
        wait_text("chunk-data")
        keys(key)
        t = wait_text("KeyboardInterrupt", timeout=5)
        line("close")
        wait_for(lambda s: "[no socket]" in s.splitlines()[0],
                 "the connection closed after %s" % key)
    line("quit")
    wait_for(at_prompt, "shell prompt")


def pane_title():
    return tmux("display-message", "-p", "-t", "wb", "#{pane_title}").stdout


def t_hostile_peer(demo_port, port):
    """ESC, OSC, C1 and bidi controls from a peer show as escapes in every
    panel (wire, response head and body, hint bar) and never reach the
    terminal: the pane title stays, no colour or cursor move happens."""
    launch(demo_port)
    title = pane_title()
    line("open http://127.0.0.1:%d/" % port)
    line("request GET /evil")
    line("getresponse")
    line("read")
    t = wait_text("body: 55 bytes read")
    expect("HTTP/1.1 200 \\x1b[31mRED\\x1b]0;pwned\\x07|\\x9b1m" in t,
           "response head line does not show the escapes", t)
    expect("= 200 \\x1b[31mRED" in t, "wire result line not escaped", t)
    line("request GET /evil-utf8")
    line("getresponse")
    line("read")
    t = wait_text("body: 32 bytes read")
    expect("\\x1b[31mRED|\\x9b2m|\\u202eRLO|\\u2066iso|\\x7fdel" in
           t.split("body: 32")[1],
           "the UTF-8 body preview does not show the escapes", t)
    line("request GET /evil-status")
    line("getresponse")
    t = wait_text("BadStatusLine: \\x1b]0;pwned\\x07 200 \\x9b1m")
    bad = [c for c in t if ord(c) < 0x20 and c != "\n" or
           0x7f <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e or
           0x2066 <= ord(c) <= 0x2069]
    expect(not bad, "control characters on the screen: %r" % bad, t)
    expect(pane_title() == title and "pwned" not in pane_title(),
           "the pane title changed to %r" % pane_title(), t)
    line("quit")
    wait_for(at_prompt, "shell prompt")


def workbench_pids(port):
    """Workbench processes of this run (their command line names the demo
    server's URL)."""
    mark = ("http://127.0.0.1:%d/" % port).encode()
    pids = []
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if mark in argv and pid != str(os.getpid()):
            pids.append(int(pid))
    return pids


def t_no_leftovers(port):
    """Killing the terminal (tmux kill-server sends SIGHUP) ends every
    workbench, even one that is in its exit path."""
    deadline = time.monotonic() + 5
    while workbench_pids(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = workbench_pids(port)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    expect(not left, "processes still running: %r" % left)


def main():
    if not os.access(WB, os.X_OK):
        print("no binary at %s" % WB)
        print("0 passed, 1 failed")
        return 1
    server, port = start_server()
    evil = faultserver.FaultServer()
    try:
        launch(port)
        check("first screen tells what to type", t_first_screen)
        check("putheader: header buffered, nothing on the wire",
              t_putheader_buffered)
        check("endheaders: buffered frames go on the wire",
              t_endheaders_flushes)
        check("chunked response: chunk-size lines with decoded sizes",
              t_chunked_response)
        check("chunked upload: chunk/endchunks framed", t_chunked_upload)
        check("search jumps to a match; F2 hex view", t_search_and_hex)
        check("errors appear in place", t_error_in_place)
        check("preview of the typed command", t_preview)
        check("resize to 80x24 and back keeps the layout", t_resize)
        check("Ctrl-C cancels a slow read", t_cancel_slow_read)
        check("F1 help opens and closes", t_help)
        check("quit restores the terminal", t_quit_restores)
        check("history persists across runs", lambda: t_history_persists(port))
        check("SIGTERM restores the terminal", t_sigterm_restores)
        check("80x24 request flow", lambda: t_small_terminal_flow(port))
        check("TLS without verification is visible",
              lambda: t_tls_insecure_visible(port))
        check("a hostile peer cannot drive the terminal",
              lambda: t_hostile_peer(port, evil.port))
        check("Esc and Ctrl-C end an endless read",
              lambda: t_cancel_flood(port, evil.port))
        check("history folder made with its parents",
              lambda: t_history_folder_made(port))
        check("a history that cannot be saved is reported once",
              lambda: t_history_failure_shown(port))
    finally:
        tmux("kill-server")
        evil.stop()
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
    check("no workbench process outlives its terminal",
          lambda: t_no_leftovers(port))
    failed = 0
    for name, err in results:
        print("%s: %s" % ("ok  " if err is None else "FAIL", name))
        if err is not None:
            failed += 1
            print("    " + err.replace("\n", "\n    "))
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
