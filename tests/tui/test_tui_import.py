#!/usr/bin/env python3
"""Stepping through an import in the curses workbench, under tmux on a
private socket (the helpers of test_tui.py): the commands an import makes
come to the command line one at a time; Enter runs each (edited or not)
and the next follows, so the request reaches the demo server; Esc or
Ctrl-C on an offered line drops the rest. Every check polls the screen
with a timeout.
Env: WB = path of the binary (default build/wirebench).
Last line printed: "N passed, N failed"."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_tui as T  # noqa: E402


def cmd_row(t):
    rows = t.splitlines()
    return rows[-1].rstrip() if rows else ""


def steps(port):
    """The commands `import curl` makes of the test's curl line."""
    return ["open http://127.0.0.1:%d" % port,
            "putrequest GET /echo skip_accept_encoding",
            "putheader Accept */*", "putheader X-A 1", "endheaders",
            "getresponse", "read"]


def curl_import(port):
    T.line("import curl 'curl http://127.0.0.1:%d/echo -H \"X-A: 1\"'"
           % port)


def wait_offer(k, n, text):
    """Waits for command k of n offered on the command line."""
    want = "import %d/%d> %s" % (k, n, text)
    return T.wait_for(lambda t: cmd_row(t) == want, repr(want))


def wait_empty_line(what):
    return T.wait_for(lambda t: cmd_row(t) == "wb>", what)


def t_step_through(port):
    cmds = steps(port)
    n = len(cmds)
    curl_import(port)
    t = wait_offer(1, n, cmds[0])
    T.expect("%d commands to step through" % n in t,
             "the import does not say it steps", t)
    T.expect(any("putheader X-A 1" in r for r in t.splitlines()[:-1]),
             "the generated commands are not shown", t)
    T.expect(not any(r.startswith(">>") for r in T.wire_rows(t)),
             "something was sent before the first Enter", t)
    for k, c in enumerate(cmds, 1):
        if k > 1:
            t = wait_offer(k, n, c)
        if c == "putheader X-A 1":  # an offered line can be edited
            T.keys("BSpace")
            T.tmux("send-keys", "-t", T.SESSION[-1], "-l", "2")
            wait_offer(k, n, "putheader X-A 2")
            if k < n:
                T.expect(not any("X-A: 2" in r for r in T.wire_rows(
                    T.screen())), "the edited header ran before Enter")
        T.keys("Enter")
    # the server's echo of the request comes back in the read's body
    t = T.wait_for(lambda t: any(r.startswith("<<") and "X-A: 2" in r
                                 for r in T.wire_rows(t)),
                   "the echo of the edited request")
    T.expect(cmd_row(t) == "wb>", "something is still offered", t)


def t_esc_drops(port):
    cmds = steps(port)
    curl_import(port)
    wait_offer(1, len(cmds), cmds[0])
    T.keys("Enter")
    wait_offer(2, len(cmds), cmds[1])
    T.keys("Escape")
    t = T.wait_text("dropped the %d imported commands not run"
                    % (len(cmds) - 1))
    T.expect(cmd_row(t) == "wb>", "the line is not empty after Esc", t)
    # nothing offered comes back after the next command
    T.line("state")
    t = T.wait_text("state=Idle")
    T.expect(cmd_row(t) == "wb>", "an offer came back after Esc", t)


def t_ctrl_c_drops(port):
    cmds = steps(port)
    curl_import(port)
    wait_offer(1, len(cmds), cmds[0])
    T.keys("C-c")
    t = T.wait_text("dropped the %d imported commands not run" % len(cmds))
    T.expect(cmd_row(t) == "wb>", "the line is not empty after Ctrl-C", t)


def t_no_run(port):
    """--no-run only shows the commands: nothing is offered."""
    T.line("import --no-run curl 'curl http://127.0.0.1:%d/echo'" % port)
    T.wait_text("putrequest GET /echo skip_accept_encoding")
    T.line("state")

    def state_after(t):
        rows = t.splitlines()
        at = T.row_of(t, "wb> import --no-run")
        return at >= 0 and any("= state=" in r for r in rows[at:])
    t = T.wait_for(state_after, "state after --no-run")
    T.expect(cmd_row(t) == "wb>", "--no-run offered a command", t)


def main():
    if not os.access(T.WB, os.X_OK):
        print("no binary at %s" % T.WB)
        print("0 passed, 1 failed")
        return 1
    server, port = T.start_server()
    try:
        T.launch(port, width=120, height=40)
        T.check("import: each command offered in turn, Enter runs it, "
                "edits count, the request reaches the server",
                lambda: t_step_through(port))
        T.check("Esc on an offered command drops the rest",
                lambda: t_esc_drops(port))
        T.check("Ctrl-C on an offered command drops the rest",
                lambda: t_ctrl_c_drops(port))
        T.check("import --no-run offers nothing", lambda: t_no_run(port))
        T.check("quit after stepping restores the terminal",
                lambda: T.quit_workbench("quit"))
    finally:
        T.tmux("kill-server")
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
    T.check("no workbench process outlives its terminal", T.t_no_leftovers)
    return T.report()


if __name__ == "__main__":
    sys.exit(main())
