#!/usr/bin/env python3
"""Sessions in the curses workbench, under tmux on a private socket (the
helpers of test_tui.py): record by typing, save, edit one header in the
saved file, replay and see that header named and its frame marked; step a
lesson offline with no server anywhere, read the frame explanations, go
back with p; replay --step. Every check polls the screen with a timeout.
Env: WB = path of the binary (default build/wirebench).
Last line printed: "N passed, N failed"."""
import os
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_tui as T  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
WORK = tempfile.mkdtemp(prefix="wbtuisess-")
DIFF = "\u2260 differs"


def status_row(t):
    return t.splitlines()[0]


def footer_row(t):
    rows = t.splitlines()
    return rows[-2] if len(rows) >= 2 else ""


def cmd_row(t):
    rows = t.splitlines()
    return rows[-1] if rows else ""


def start_in_shell(argv, ready, width=110, height=34):
    """Runs argv in a fresh shell session; its pid comes from a file the
    shell writes before exec. Waits for text ready."""
    T.new_session(width, height)
    pidfile = os.path.join(WORK, "wb-%d.pid" % len(T.PIDS))
    T.line("cd '%s' && sh -c 'echo $$ >\"$0\"; exec \"$@\"' %s %s"
           % (WORK, pidfile, " ".join("'%s'" % a for a in argv)))
    t = T.wait_text(ready)
    with open(pidfile) as f:
        T.PIDS.append(int(f.read()))
    return t


def leave(what):
    T.keys("F10")
    T.wait_exit(T.PIDS[-1], what)
    return T.wait_for(T.at_prompt, "shell prompt after " + what)


def search(needle):
    T.keys("/")
    T.tmux("send-keys", "-t", T.SESSION[-1], "-l", needle)
    T.keys("Enter")


def explained_has(s, what):
    return T.wait_for(lambda t: s in (T.explained(t) or ""), what)


def dead_port():
    """A port nothing listens on: bound, then closed, never listened."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---- (a) record, save, edit, replay --------------------------------------

def edit_saved(src, dst, old, new):
    with open(src, "rb") as f:
        data = f.read()
    T.expect(data.count(old) == 1, "the saved file should hold %r once" % old,
             data.decode("latin-1"))
    with open(dst, "wb") as f:
        f.write(data.replace(old, new))


def t_record_save_edit_replay(port):
    T.launch(port, width=110, height=34)
    T.line("request GET /headers/2")
    T.line("getresponse")
    T.wait_text("X-Header-2: 2")
    T.line("read")
    T.wait_text('22 bytes "2 extra header fields')
    saved = os.path.join(WORK, "typed.wb")
    T.line("save " + saved)
    T.wait_text("saved 4 commands to " + saved)
    # one response header of the recording changed by a text substitution
    edited = os.path.join(WORK, "edited.wb")
    edit_saved(saved, edited, b'"X-Header-2: 2\\r\\n"', b'"X-Header-2: 7\\r\\n"')
    T.line("replay " + edited)
    t = T.wait_text('command 3 (getresponse): header X-Header-2: "7" -> "2"')
    T.expect("replay: 1 difference \u2502" in status_row(t),
             "the status bar does not count the difference", t)
    T.expect(footer_row(t).startswith("replay: 1 difference"),
             "the footer does not lead with the count", t)
    marked = [r for r in t.splitlines() if DIFF in r]
    T.expect(len(marked) == 1 and marked[0].startswith("<< in    X-Header-2: 2"),
             "exactly the X-Header-2 frame should be marked: %r" % marked, t)
    # the marked frame explains the difference
    search("X-Header-2: 2")
    explained_has('\u2260 differs from the recording: command 3 '
                  '(getresponse): header X-Header-2: "7" -> "2"',
                  "the difference in the explanation")
    # the unedited file replays with no difference and no mark
    T.line("replay " + saved)
    t = T.wait_text("replay: 4 commands, 0 differences")
    T.expect("replay: 0 differences" in status_row(t),
             "status after a clean replay", t)
    T.expect(DIFF not in t, "a clean replay marks nothing", t)
    # the next command returns to the session's own panel
    T.line("state")
    t = T.wait_text("state=Idle")
    T.expect("replay:" not in status_row(t), "still in the replay view", t)
    T.expect("wb> request GET /headers/2" in t or "wb> state" in t,
             "not the session's panel", t)
    T.quit_workbench("quit after replay")


def t_replay_step(port):
    saved = os.path.join(WORK, "typed.wb")
    t = start_in_shell([T.WB, "--replay", saved, "--step"],
                       "step: command 1 is next")
    T.expect(cmd_row(t).startswith("replay> open http://127.0.0.1:%d" % port),
             "the next command is not on the command line", t)
    T.expect("wb> open" not in t, "a command ran before the key", t)
    T.keys("Space")
    t = T.wait_text("step: command 2 is next")
    T.expect("wb> open http://127.0.0.1:%d" % port in t, "open did not run", t)
    T.expect(cmd_row(t).startswith("replay> request GET /headers/2"),
             "command 2 not shown", t)
    T.expect(">| buf   GET" not in t, "request ran before its key", t)
    for n in (3, 4):
        T.keys("n")
        T.wait_text("step: command %d is next" % n)
    T.keys("Space")
    t = T.wait_text("replay: 4 commands, 0 differences")
    T.expect("replay: 0 differences" in status_row(t), "no count", t)
    leave("quit after replay --step")


def t_replay_step_stops():
    saved = os.path.join(WORK, "typed.wb")
    start_in_shell([T.WB, "--replay", saved, "--step"],
                   "step: command 1 is next")
    T.keys("Space")
    T.wait_text("step: command 2 is next")
    T.keys("Escape")
    t = T.wait_text("replay stopped before command 2")
    T.expect(">| buf   GET" not in t, "the request ran after Esc", t)
    leave("quit after a stopped replay")


# ---- (b), (c) a lesson offline, no server anywhere ------------------------

def lesson_offline(name, out):
    """The lesson's committed recording with its open pointed at a port
    nothing listens on (a consistent substitution): offline must not
    need the network, and this proves it does not use it."""
    with open(os.path.join(ROOT, "sessions", name), "rb") as f:
        data = f.read()
    if b"\n#> " not in data:
        raise T.Fail("%s carries no recording" % name)
    dead = dead_port()
    with open(out, "wb") as f:
        f.write(data.replace(b"127.0.0.1:8080", b"127.0.0.1:%d" % dead))
    return dead


def t_offline_steps(rec, dead):
    t = start_in_shell([T.WB, "--offline", rec], "offline: command 0/")
    T.expect("offline: http" not in status_row(t) and
             "nothing opened yet" in status_row(t), "status before open", t)
    T.keys("Space")
    t = T.wait_text("offline: command 1/")
    T.expect(cmd_row(t).startswith("offline> open http://127.0.0.1:%d" % dead),
             "open not on the command line", t)
    T.expect("offline: http://127.0.0.1:%d [recorded, no network]" % dead
             in status_row(t), "status does not say offline", t)
    T.keys("n")
    t = T.wait_text("offline: command 2/")
    T.expect(">| buf   GET /chunked?n=3&size=5&trailer=1 HTTP/1.1\u240d\u240a" in t,
             "the request line is not buffered on screen", t)
    T.keys("n")  # getresponse
    t = T.wait_text("<< in    HTTP/1.1 200 OK")
    T.expect("connected to 127.0.0.1:%d" % dead in t,
             "the recorded connect is not shown", t)
    T.expect("HTTP/1.1 200 OK \u00b7 chunked" in t,
             "the response panel does not show the recorded response", t)
    rows = [r for r in T.wire_rows(t)]
    order = [i for i, r in enumerate(rows) if r.startswith((">> sent  GET",
                                                              "<< in    HTTP"))]
    T.expect(len(order) == 2, "sent request and status line in order", t)
    for n in range(4, 9):  # expect framing, read 3, read 4, read, expect
        T.keys("n")
        t = T.wait_text("offline: command %d/" % n)
    T.expect("chunk-size = 5, chunk #3" in t, "chunk-size lines not shown", t)
    T.expect("body: 15 bytes read" in t, "the reads are not counted", t)
    # the frame explanations, on recorded frames
    search("chunk-size = 5, chunk #2")
    t = explained_has("chunk-size line: the length of the chunk data",
                      "the chunk-size explanation")
    T.expect("RFC 9112" in T.explained(t), "no rule cited", t)
    T.keys("S-Down")
    explained_has("exactly as many as its chunk-size line",
                  "the chunk-data explanation after Shift-Down")
    search("Host: 127.0.0.1")
    explained_has("added by putrequest unless skip_host",
                  "the Host explanation")


def t_offline_back():
    t = T.screen()
    n = int(footer_row(t).split("offline: command ")[1].split("/")[0])
    T.keys("p")
    t = T.wait_text("offline: command %d/" % (n - 1))
    T.expect("wb> expect chunks 3" not in t, "the last command is still shown", t)
    T.keys("BSpace")
    t = T.wait_text("offline: command %d/" % (n - 2))
    T.expect(cmd_row(t).startswith("offline> read 4"), "not back at read 4", t)
    T.expect("body: 7 bytes read" in t, "the response panel did not go back", t)
    T.expect("wb> read 4" in t and "wb> read\n" not in t + "\n",
             "the panel did not go back", t)
    for _ in range(n - 2):
        T.keys("p")
    t = T.wait_text("offline: command 0/")
    T.expect(not T.wire_rows(t), "frames left after going back to the start", t)
    T.expect("no response yet" in t, "a response left at the start", t)
    T.keys("n")
    t = T.wait_text("offline: command 1/")
    T.expect("HTTPConnection(127.0.0.1" in t, "forward again after back", t)
    leave("F10 after offline")


def t_offline_bad_file():
    bad = os.path.join(WORK, "bad.wb")
    with open(bad, "w") as f:
        f.write("# wirebench session 1\nread\n#> x\n")
    T.new_session(100, 30)
    T.line("%s --offline %s; echo rc=$?" % (T.WB, bad))
    t = T.wait_text("rc=2")
    T.expect("bad.wb:3" in t, "the error does not name the line", t)


def main():
    if not os.access(T.WB, os.X_OK):
        print("no binary at %s" % T.WB)
        print("0 passed, 1 failed")
        return 1
    server, port = T.start_server()
    rec = os.path.join(WORK, "lesson07.wb")
    dead = None
    try:
        T.check("record in the workbench, save, edit a header, replay: "
                "the header is named and its frame marked",
                lambda: t_record_save_edit_replay(port))
        T.check("wirebench --replay FILE --step pauses before each command",
                lambda: t_replay_step(port))
        T.check("Esc stops a stepped replay", t_replay_step_stops)
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
    try:  # no server runs from here on
        try:
            dead = lesson_offline("07-chunked-download.wb", rec)
        except (OSError, T.Fail) as e:
            T.results.append(("lesson 7 with its recording", str(e)))
        if dead is not None:
            T.check("offline: a lesson stepped with no network, frames "
                    "explained", lambda: t_offline_steps(rec, dead))
            T.check("offline: p and Backspace go back", t_offline_back)
        T.check("offline: a broken file is refused with its line",
                t_offline_bad_file)
    finally:
        T.tmux("kill-server")
    T.check("no workbench process outlives its terminal", T.t_no_leftovers)
    return T.report()


if __name__ == "__main__":
    sys.exit(main())
