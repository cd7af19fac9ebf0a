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
import socket
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
# Sanitized builds start and stop several times slower, more so on a busy
# machine: every wait scales, and so does the budget for the whole run.
SCALE = 3.0 if os.environ.get("WB_SANITIZED") else 1.0
BUDGET = 200.0 * SCALE  # seconds for the whole run
STATE = tempfile.mkdtemp(prefix="wbtui-")
PROMPT = "wbsh$ "
results = []


class Fail(Exception):
    pass


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCK] + list(args),
                          capture_output=True, text=True, timeout=10)


def screen():
    return tmux("capture-pane", "-p", "-t", SESSION[-1]).stdout


def wait_for(pred, what, timeout=8.0):
    """Polls the screen until pred(text) holds; raises Fail with the screen."""
    end = min(time.monotonic() + timeout * SCALE, START + BUDGET)
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
    tmux("send-keys", "-t", SESSION[-1], *k)


def line(s):
    tmux("send-keys", "-t", SESSION[-1], "-l", s)
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


SESSION = []  # tmux session names, the current one last


def new_session(width, height, state=STATE):
    """A new shell session under a new name, made before the old one is
    killed, with window-size set on its window only. The old way (kill the
    session, make it again, `set-option -g window-size manual`) raced the
    server's exit: when new-session reached a server that still ran with
    that global option, tmux 3.3 exited ("server exited unexpectedly"), so
    no shell started, the next wait timed out and no workbench was found."""
    name = "wb%d" % len(SESSION)
    r = tmux("new-session", "-d", "-s", name, "-x", str(width), "-y",
             str(height), "env LANG=C.UTF-8 XDG_STATE_HOME='%s' PS1='%s' "
             "bash --norc --noprofile" % (state, PROMPT))
    if r.returncode != 0:
        raise Fail("tmux new-session failed: %s" % r.stderr.strip())
    if SESSION:
        tmux("kill-session", "-t", SESSION[-1])
    SESSION.append(name)
    tmux("set-option", "-w", "-t", name, "window-size", "manual")
    tmux("resize-window", "-t", SESSION[-1], "-x", str(width), "-y", str(height))
    # a shell can take seconds to start on a loaded machine
    wait_text(PROMPT.strip(), timeout=30.0)


def at_prompt(text):
    """A fresh shell prompt: the last row shown is the prompt alone (the
    row of the command that started the workbench does not count)."""
    rows = [r for r in text.splitlines() if r.strip()]
    return bool(rows) and rows[-1].strip() == PROMPT.strip()


PIDS = []  # every workbench started, newest last


def launch(port, width=100, height=30, env="", state=STATE):
    """Starts the workbench in a fresh session (env: NAME=VALUE words
    before it). Its pid comes from a file the shell writes just before
    exec, never from a search by name."""
    new_session(width, height, state)
    pidfile = os.path.join(STATE, "wb-%d.pid" % len(PIDS))
    line("%s sh -c 'echo $$ >\"$0\"; exec \"$@\"' %s %s http://127.0.0.1:%d/"
         % ("env " + env if env else "", pidfile, WB, port))
    wait_text("wb> open http://127.0.0.1:%d/" % port)
    with open(pidfile) as f:  # written before exec, so before the text
        PIDS.append(int(f.read()))


def wait_exit(pid, what, timeout=8.0):
    """Waits for process pid to end: its pidfd becomes readable then."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return
    try:
        ready, _, _ = select.select([fd], [], [], timeout * SCALE)
        if not ready:
            raise Fail("%s: process %d still running" % (what, pid))
    finally:
        os.close(fd)


def quit_workbench(what):
    """quit, then wait until the process has ended (history written,
    terminal restored) and the shell shows a new prompt."""
    line("quit")
    wait_exit(PIDS[-1], what)
    return wait_for(at_prompt, "shell prompt after " + what)


def check(name, fn):
    """Runs one test; returns True when it passed."""
    if time.monotonic() - START > BUDGET:
        results.append((name, "skipped: time budget used"))
        return False
    try:
        fn()
        results.append((name, None))
        return True
    except Fail as e:
        results.append((name, str(e)))
    except Exception as e:  # a broken test must fail, not stop the run
        results.append((name, "%s: %s" % (type(e).__name__, e)))
    return False


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


def row_of(text, prefix, start=0):
    """Index of the first screen row at or after start that starts with
    prefix, or -1."""
    rows = text.splitlines()
    for i in range(start, len(rows)):
        if rows[i].startswith(prefix):
            return i
    return -1


def t_endheaders_flushes():
    """The buffered lines stay where they were, marked as sent below; the
    sent bytes appear at the moment of the write, under endheaders."""
    line("endheaders")
    t = wait_text("went on the wire just now")
    cmd = row_of(t, "wb> endheaders")
    buf = row_of(t, ">| buf   Accept: text/plain\u240d\u240a")
    sent = row_of(t, ">> sent  Accept: text/plain\u240d\u240a")
    expect(0 <= buf < cmd < sent, "not in time order (buffered %d, "
           "endheaders %d, sent %d)" % (buf, cmd, sent), t)
    expect("\u2193 sent below" in t.splitlines()[buf],
           "the buffered line does not point below", t)
    expect(cmd < row_of(t, ">> sent  GET /chunked") < sent,
           "request line not sent before the header", t)
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
    # the panel still shows the last response until this one arrives
    t = wait_for(lambda s: "unread: 0 (body complete)" in s and
                 "\u2502 POST /echo HTTP/1.1" in s, "the echoed body, read")
    expect("POST /echo HTTP/1.1" in t, "echo body not previewed", t)


def t_search_and_hex():
    """/ then Enter jumps to the latest match above; F2 toggles hex."""
    keys("/")
    tmux("send-keys", "-t", SESSION[-1], "-l", "Accept-Enc")
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


def explained(text):
    """The explanation at the wire panel's foot, its rows joined."""
    rows = text.splitlines()
    for i, r in enumerate(rows):
        if r.startswith("? "):
            out = [r[2:].strip()]
            for more in rows[i + 1:]:
                if not more.startswith("  "):
                    break
                out.append(more.strip())
            return " ".join(out)
    return None


def t_explain_frame():
    """The line under the cursor is explained: what it is, and the rule."""
    keys("/")
    tmux("send-keys", "-t", SESSION[-1], "-l", "Accept-Enc")
    keys("Enter")
    ae = ("Accept-Encoding: identity \u2014 added by putrequest unless "
          "skip_accept_encoding (http.client)")
    t = wait_for(lambda s: ae in (explained(s) or ""),
                 "the Accept-Encoding explanation")
    keys("S-Up")
    t = wait_for(lambda s: "added by putrequest unless skip_host" in
                 (explained(s) or ""), "the Host explanation")
    expect("RFC 9112" in explained(t), "no rule cited", t)
    keys("S-Down")
    wait_for(lambda s: ae in (explained(s) or ""), "back on Accept-Encoding")
    keys("F4")
    t = wait_for(lambda s: explained(s) is None and "[follow]" in s,
                 "F4 drops the cursor and its explanation")


def t_error_in_place():
    line("putheader X-Late yes")
    t = wait_text("CannotSendHeader")
    line("state")
    t = wait_text("state=Idle")
    expect("CannotSendHeader" in t, "error vanished", t)
    # the core's one state formatter: the same fields as the transcript
    expect(re.search(r"state=Idle socket=(yes|no) pending=(yes|no) "
                     r"buffered=0 response=(none|open|closed)", t),
           "state lacks the transcript's fields", t)


def t_preview():
    tmux("send-keys", "-t", SESSION[-1], "-l", "putrequest GET /x")
    t = wait_text("\u2192 GET /x HTTP/1.1\u240d\u240aHost: 127.0.0.1")
    keys("C-c")
    wait_for(lambda s: s.splitlines()[-1].rstrip() == "wb>", "cleared line")
    t = screen()
    expect("GET /x" not in "\n".join(wire_rows(t)), "preview reached the wire", t)


def t_resize():
    for w, h in ((80, 24), (100, 30)):
        tmux("resize-window", "-t", SESSION[-1], "-x", str(w), "-y", str(h))
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


def t_read_timeout(port):
    """--timeout bounds a wait the loop polls: the read ends with the
    timeout, long before the server's next chunk."""
    line("open http://127.0.0.1:%d/ --timeout 0.3" % port)
    line("request GET /slow?n=2&delay=5000")
    line("getresponse")
    wait_text("200 OK")
    start = time.monotonic()
    line("read")
    t = wait_text("TimeoutError: timed out", timeout=4)
    took = time.monotonic() - start
    expect(took < 2.0 * SCALE, "the read waited %.1f s" % took, t)
    wait_for(lambda s: "waiting" not in status_row(s), "the wait over")


def t_cancel_stream(port):
    """A read whose data never stops arriving never waits, yet the loop
    gets its turns: Ctrl-C ends it (100 GB would take minutes)."""
    line("open http://127.0.0.1:%d/" % port)
    line("request GET /bytes/100000000000")
    line("getresponse")
    wait_text("200 OK")
    line("read")
    wait_for(lambda s: "waiting: read" in status_row(s), "the read running")
    took = interrupted_within("C-c", 1.0 * SCALE)
    t = wait_for(lambda s: "waiting" not in status_row(s), "the read over")
    expect(took < 1.0 * SCALE, "Ctrl-C took %.3f s" % took, t)


def t_help():
    keys("F1")
    # the whole overlay, not the first capture with its title: under load
    # tmux can capture a screen the terminal is still writing
    wait_for(lambda s: " Help" in s and "Keys:" in s and "F10" in s,
             "help with the keys")
    keys("NPage")
    wait_text("putrequest METHOD URL")
    keys("Escape")
    wait_for(lambda s: " Wire" in s and " Help" not in s, "help closed")


def t_refused_connect_order():
    """A refused connect: the warning first, then the dropped lines, then
    the error, all under the command."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))  # bound, not listening: connects are refused
    try:
        port = s.getsockname()[1]
        line("open http://127.0.0.1:%d/" % port)
        line("request GET /refused")
        t = wait_text("\u2717 ConnectionRefusedError")
        cmd = row_of(t, "wb> request GET /refused")
        buf = row_of(t, ">| buf   GET /refused", cmd)
        warn = row_of(t, "!! warn  connect to 127.0.0.1:%d failed" % port, cmd)
        drop = row_of(t, "x| drop  GET /refused", cmd)
        err = row_of(t, "  \u2717 ConnectionRefusedError", cmd)
        expect(0 <= cmd < buf < warn < drop < err,
               "not in time order (command %d, buffered %d, warning %d, "
               "dropped %d, error %d)" % (cmd, buf, warn, drop, err), t)
        expect("dropped below" in t.splitlines()[buf],
               "the buffered line does not point below", t)
    finally:
        s.close()


def status_row(t):
    return t.splitlines()[0] if t else ""


def seconds(m):
    return float(m.group(1)) / (1000.0 if m.group(2) == "ms" else 1.0)


def t_timings_per_response(port):
    """The status bar counts bytes from the last open and times what the
    network did, not the pause between getresponse and read."""
    tmux("resize-window", "-t", SESSION[-1], "-x", "150", "-y", "30")
    try:
        line("open http://127.0.0.1:%d/" % port)
        t = wait_for(lambda s: "out 0 B in 0 B" in status_row(s),
                     "counters from zero after open")
        line("request GET /chunked?n=3&size=5")
        line("getresponse")
        wait_text("<< in    HTTP/1.1 200 OK")
        # the think time under test: the body is already here meanwhile
        time.sleep(1.5)
        line("read")
        t = wait_for(lambda s: "unread: 0 (body complete)" in s and
                     re.search(r"xfer [\d.]+m?s", status_row(s)),
                     "xfer timing after read")
        m = re.search(r"xfer ([\d.]+)(m?s)", status_row(t))
        expect(seconds(m) < 1.0, "xfer counts the think time: %s"
               % m.group(0), t)
        expect(not re.search(r"out 0 B", status_row(t)),
               "no bytes counted", t)
    finally:
        tmux("resize-window", "-t", SESSION[-1], "-x", "100", "-y", "30")


def restored(t):
    alt = tmux("display-message", "-p", "-t", SESSION[-1], "#{alternate_on}").stdout
    expect(alt.strip() == "0", "still on the alternate screen", t)
    line("echo restored-$((6*7))")
    t = wait_text("restored-42")
    expect("Sanitizer" not in t and "runtime error" not in t,
           "sanitizer report at exit", t)


def t_quit_restores():
    restored(quit_workbench("quit"))


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
    quit_workbench("quit")


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
    quit_workbench("quit")


def t_sigterm_restores():
    os.kill(PIDS[-1], signal.SIGTERM)
    wait_exit(PIDS[-1], "SIGTERM")
    restored(wait_for(at_prompt, "shell prompt after SIGTERM"))


def t_small_terminal_flow(port):
    launch(port, 80, 24)
    line("request GET /chunked?n=3&size=5")
    line("getresponse")
    line("read")
    t = wait_text("body: 15 bytes read")
    expect("chunk-size = 5, chunk #3" in t, "chunk marks at 80x24", t)
    expect(all(len(r) <= 80 for r in t.splitlines()), "row wider than 80", t)


def t_small_footer():
    t = screen()
    expect("F10 quit" in t.splitlines()[-2], "the footer lost F10 quit", t)


def t_help_command_wraps(words_from):
    """`help chunk` in the wire panel wraps at words, never inside one."""
    line("help chunk")
    t = wait_text("(wirebench extension)")
    shown = set()
    for r in t.splitlines():
        shown.update(r.split())
    broken = [w for w in words_from.split() if w not in shown]
    expect(not broken, "words cut at the edge: %r" % broken, t)


def t_help_overlay_wraps():
    """F1 help at 80 columns: long lines wrap at words; it scrolls."""
    keys("F1")
    try:
        help_checks()
    finally:
        keys("Escape")
    wait_for(lambda s: " Wire" in s and " Help" not in s, "help closed")


def help_checks():
    t = wait_text(" Help")
    first = re.search(r"(\d+)-(\d+)/(\d+)", t.splitlines()[1])
    expect(first and first.group(1) == "1", "no position in the title", t)
    total = int(first.group(3))
    keys("End")
    t = wait_for(lambda s: re.search(r"-%d/%d" % (total, total), s),
                 "End shows the last row")
    keys("Home")
    keys("Down")
    t = wait_text("2-")
    keys("NPage")
    t = wait_for(lambda s: "the mouse wheel scrolls)" in s,
                 "the Shift-Up line whole, wrapped at a word")
    rows = t.splitlines()
    for r in rows[2:-2]:
        words = r.split()
        expect(len(r) <= 80, "row wider than 80", t)
        expect(not words or len(r) < 79 or r.endswith(" "),
               "a help row runs into the edge: %r" % r, t)


def help_chunk_text():
    d = tempfile.mkdtemp(prefix="wbtui-help-")
    path = os.path.join(d, "h.wb")
    with open(path, "w") as f:
        f.write("help chunk\n")
    out = subprocess.run([WB, "--batch", path], capture_output=True,
                         text=True, timeout=30).stdout
    os.unlink(path)
    os.rmdir(d)
    return out.split("\n", 1)[1]


def t_small(port):
    check("80x24 request flow", lambda: t_small_terminal_flow(port))
    check("80x24: the footer keeps F10 quit", t_small_footer)
    check("help chunk wraps at words", lambda: t_help_command_wraps(
        help_chunk_text()))
    check("F1 help wraps at words and scrolls", t_help_overlay_wraps)
    check("quit at 80x24", lambda: quit_workbench("quit at 80x24"))


def interrupted_within(key, limit):
    """Types key and polls the screen tightly until KeyboardInterrupt
    shows; returns the seconds it took (Fail after limit * 10)."""
    before = screen().count("KeyboardInterrupt")
    start = time.monotonic()
    keys(key)
    end = start + limit * 10
    text = ""
    while time.monotonic() < end:
        text = screen()
        if text.count("KeyboardInterrupt") > before:
            return time.monotonic() - start
        time.sleep(0.005)
    raise Fail("no KeyboardInterrupt after %s; screen:\n%s" % (key, text))


def hang_resolving(dns, name):
    """Starts a request to a name the silent server never answers and
    returns once the lookup has asked it and the workbench waits."""
    line("open http://%s/" % name)
    wait_text("HTTPConnection(%s) ready" % name)
    line("request GET /")
    expect(dns.wait_query(name, 5 * SCALE),
           "no query for %s reached the test name server" % name)
    wait_for(lambda s: "waiting: request GET /" in status_row(s),
             "the status bar shows the wait")


# Esc and Ctrl-C cancel within this (the plain build; the sanitized one
# is slower at everything, the loop included).
CANCEL_LIMIT = 0.2 * SCALE


def t_resolve_esc(dns):
    """While a name resolves the screen lives (a resize is laid out, keys
    typed meanwhile are kept) and Esc cancels at once."""
    hang_resolving(dns, "hang1.wirebench.test")
    tmux("resize-window", "-t", SESSION[-1], "-x", "80", "-y", "24")
    try:
        wait_for(lambda s: len(s.splitlines()) == 24 and
                 "waiting: request" in status_row(s) and
                 s.splitlines()[-1].startswith("wb>"),
                 "the layout at 80x24 while the name resolves")
        tmux("send-keys", "-t", SESSION[-1], "-l", "stat")
        took = interrupted_within("Escape", CANCEL_LIMIT)
        t = wait_for(lambda s: s.splitlines()[-1].startswith("wb> stat"),
                     "the keys typed during the wait on the command line")
        expect(took < CANCEL_LIMIT, "Esc took %.3f s" % took, t)
        expect("waiting" not in status_row(t), "still waiting", t)
        keys("e", "Enter")
        wait_text("state=")
    finally:
        tmux("resize-window", "-t", SESSION[-1], "-x", "100", "-y", "30")
    print("    Esc during name resolution: KeyboardInterrupt after %.0f ms"
          % (took * 1000))


def t_resolve_ctrl_c(dns):
    hang_resolving(dns, "hang2.wirebench.test")
    took = interrupted_within("C-c", CANCEL_LIMIT)
    t = screen()
    expect(took < CANCEL_LIMIT, "Ctrl-C took %.3f s" % took, t)
    line("state")
    wait_for(lambda s: "state=" in s and "waiting" not in status_row(s),
             "program running after the cancel")
    print("    Ctrl-C during name resolution: KeyboardInterrupt after %.0f ms"
          % (took * 1000))


def t_resolve(port):
    dns = netpeers.SilentDns()
    try:
        check("start the workbench with the silent name server",
              lambda: launch(port, env="WIREBENCH_TEST_NAMESERVER=" +
                             dns.addr))
        check("Esc cancels a hanging name resolution; the screen lives",
              lambda: t_resolve_esc(dns))
        check("Ctrl-C cancels a hanging name resolution",
              lambda: t_resolve_ctrl_c(dns))
        check("quit after the resolver tests",
              lambda: quit_workbench("quit after resolving"))
    finally:
        dns.stop()


def t_tls_insecure_visible(peer):
    """--insecure is loud: on the status line and as a warning frame."""
    line("open https://127.0.0.1:%d --insecure --timeout 5" % peer.port)
    t = wait_text("TLS VERIFY OFF")
    expect(t.splitlines()[0].find("TLS VERIFY OFF") >= 0,
           "the warning is not on the status line", t)
    line("request GET /tls-order")
    t = wait_text("!!")
    expect("verif" in t.lower(), "no warning frame about verification", t)


def t_tls_time_order():
    """Over TLS the wire panel reads in time order: the buffered lines,
    then connected, the handshake, and only then the sent bytes."""
    t = wait_text("went on the wire just now")
    cmd = row_of(t, "wb> request GET /tls-order")
    buf = row_of(t, ">| buf   GET /tls-order", cmd)
    conn = row_of(t, "** note  connected to 127.0.0.1", cmd)
    tls = row_of(t, "** note  TLS", cmd)
    sent = row_of(t, ">> sent  GET /tls-order", cmd)
    expect(0 <= cmd < buf < conn < tls < sent,
           "not in time order (command %d, buffered %d, connected %d, "
           "TLS %d, sent %d)" % (cmd, buf, conn, tls, sent), t)
    expect("\u2193 sent below" in t.splitlines()[buf],
           "the buffered line does not point below", t)


def t_tls(port):
    if not check("start the workbench for TLS",
                 lambda: launch(port, 110, 44)):
        return
    d = tempfile.mkdtemp(prefix="wbtui-tls-")
    pki = certs.make_pki(d)
    peer = netpeers.s_server(d, "tui", "-cert", pki["srv"], "-key",
                             pki["srv_key"])
    try:
        check("TLS without verification is visible",
              lambda: t_tls_insecure_visible(peer))
        check("TLS: connect, handshake, then the sent bytes",
              t_tls_time_order)
        quit_workbench("quit after TLS")
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
    quit_workbench("quit")


def pane_title():
    return tmux("display-message", "-p", "-t", SESSION[-1],
                "#{pane_title}").stdout


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
    quit_workbench("quit")


def t_no_leftovers():
    """Killing the terminal (tmux kill-server sends SIGHUP) ends every
    workbench, even one that is in its exit path."""
    left = []
    for pid in PIDS:
        try:
            wait_exit(pid, "after kill-server", timeout=5)
        except Fail:
            left.append(pid)
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
        check("the frame under the cursor is explained", t_explain_frame)
        check("errors appear in place", t_error_in_place)
        check("preview of the typed command", t_preview)
        check("resize to 80x24 and back keeps the layout", t_resize)
        check("Ctrl-C cancels a slow read", t_cancel_slow_read)
        check("--timeout ends a read the loop waits for",
              lambda: t_read_timeout(port))
        check("Ctrl-C ends a read whose data keeps arriving",
              lambda: t_cancel_stream(port))
        check("F1 help opens and closes", t_help)
        check("refused connect: warning, dropped lines, error in order",
              t_refused_connect_order)
        check("status timings per response, counters from open",
              lambda: t_timings_per_response(port))
        check("quit restores the terminal", t_quit_restores)
        check("history persists across runs", lambda: t_history_persists(port))
        check("SIGTERM restores the terminal", t_sigterm_restores)
        t_small(port)
        t_resolve(port)
        t_tls(port)
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
    check("no workbench process outlives its terminal", t_no_leftovers)
    return report()


def report():
    """Prints every check's outcome and the summed line; the exit status."""
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
