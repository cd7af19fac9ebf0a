#!/usr/bin/env python3
"""check-layers: every #include must respect the table of parts below.

A part is a folder (src/http, ui/model, ...). A quoted include is resolved the
way the compiler resolves it (the including file's folder, then -Isrc and
-Iui) and the part holding the header must be in the including part's row of
ALLOWED. A file may always include headers of its own part. Terminal
libraries (curses, readline) may be included only by the parts in
TERMINAL_OK. A quoted include that resolves to no file is an error too, so a
rule cannot be dodged by a spelling the table does not know.

Usage: check-layers.py [--root DIR]   check the tree (default: the project)
       check-layers.py --self-test    seed violations in a copy, expect them
Prints one line per violation, "file:line: rule", and exits 1 if any.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

CORE = ["base", "wire", "net", "http", "lang", "session", "interop"]

# Which parts each part may include (besides itself). Extend a row when a
# new part arrives; a part missing from the table may include nothing.
ALLOWED = {
    "base": [],
    "wire": ["base"],
    "net": ["base", "wire"],
    "http": ["base", "wire", "net"],
    # the command language drives sessions and import/export commands
    "lang": ["base", "wire", "net", "http", "session", "interop"],
    "session": ["base", "wire", "net", "http", "lang"],
    "interop": ["base", "wire", "net", "http", "lang", "session"],
    # the demo server shares no parser with the client it tests
    "serve": ["base"],
    # models of the screen: the core, never curses or readline
    "ui/model": CORE,
    "ui/view": CORE + ["serve", "ui/model", "ui"],
    "ui": CORE + ["serve", "ui/model", "ui/view"],
    "app": CORE + ["serve", "ui/model", "ui/view", "ui"],
}

TERMINAL_OK = {"ui", "ui/view", "app"}
TERMINAL_RE = re.compile(
    r"^(n?curses(w)?/|n?curses\.h|ncursesw?\.h|term\.h|panel\.h|menu\.h|"
    r"form\.h|readline/|editline/|histedit\.h)")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SEARCH = ["src", "ui"]  # the -I folders of the Makefile
SCANNED = ["src", "ui", "app"]


def part_of(rel):
    """The part a project-relative path belongs to, or None."""
    bits = rel.split("/")
    if bits[0] == "src" and len(bits) > 2:
        return bits[1]
    if bits[0] == "ui":
        return "ui/" + bits[1] if len(bits) > 2 else "ui"
    if bits[0] == "app":
        return "app"
    return None


def resolve(root, rel, name):
    """The project-relative path a quoted include names, or None."""
    here = os.path.dirname(rel)
    for d in [here] + SEARCH:
        cand = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(os.path.join(root, cand)):
            return cand
    return None


def check_file(root, rel):
    part = part_of(rel)
    if part is None:
        return []
    out = []
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            m = INCLUDE_RE.match(line)
            if not m:
                continue
            kind, name = m.groups()
            where = "%s:%d" % (rel, no)
            if TERMINAL_RE.match(name):
                if part not in TERMINAL_OK:
                    out.append("%s: %s includes <%s>: only %s may use curses "
                               "or readline" % (where, part, name,
                                                ", ".join(sorted(TERMINAL_OK))))
                continue
            if kind == "<":
                continue
            target = resolve(root, rel, name)
            if target is None:
                out.append('%s: "%s" resolves to no file under %s'
                           % (where, name, ", ".join([os.path.dirname(rel)]
                                                     + SEARCH)))
                continue
            tpart = part_of(target)
            if tpart == part:
                continue
            allowed = ALLOWED.get(part)
            if allowed is None:
                out.append("%s: part %s is missing from the table in %s"
                           % (where, part, os.path.basename(__file__)))
            elif tpart not in allowed:
                out.append("%s: %s must not include %s (%s): %s may include "
                           "%s" % (where, part, tpart, target, part,
                                   ", ".join(allowed) or "nothing else"))
    return out


def check(root):
    problems = []
    for top in SCANNED:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for fn in sorted(files):
                if fn.endswith((".c", ".h")):
                    rel = os.path.relpath(os.path.join(dirpath, fn), root)
                    problems += check_file(root, rel)
    return problems


def self_test(root):
    """Seeds one violation of each kind in a copy; each must be reported."""
    seeds = [
        ("src/net/tcp.c", '#include "http/conn.h"\n',
         "src/net/tcp.c:1: net must not include http"),
        ("src/base/buf.c", "#include <curses.h>\n",
         "src/base/buf.c:1: base includes <curses.h>"),
        ("ui/model/scroll.c", "#include <readline/readline.h>\n",
         "ui/model/scroll.c:1: ui/model includes <readline/readline.h>"),
        ("src/serve/serve.c", '#include "http/reader.h"\n',
         "src/serve/serve.c:1: serve must not include http"),
        ("src/http/conn.c", '#include "lang/interp.h"\n',
         "src/http/conn.c:1: http must not include lang"),
        ("src/wire/tap.c", '#include "../http/conn.h"\n',
         "src/wire/tap.c:1: wire must not include http"),
        ("src/base/err.c", '#include "nosuch/file.h"\n',
         'src/base/err.c:1: "nosuch/file.h" resolves to no file'),
    ]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for top in SCANNED:
            shutil.copytree(os.path.join(root, top), os.path.join(tmp, top))
        if check(tmp):
            print("self-test: the clean copy already fails")
            return 1
        for rel, line, want in seeds:
            path = os.path.join(tmp, rel)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(line + text)
            got = check(tmp)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            if len(got) != 1 or not got[0].startswith(want):
                print("self-test: seeded %r in %s: want %r, got %r"
                      % (line.strip(), rel, want, got))
                failed += 1
        # the command line reports the violation and fails
        with open(os.path.join(tmp, "src/net/tcp.c"), "a",
                  encoding="utf-8") as f:
            f.write('#include "lang/lex.h"\n')
        r = subprocess.run([sys.executable, os.path.abspath(__file__),
                            "--root", tmp], capture_output=True, text=True,
                           check=False)
        if r.returncode != 1 or "net must not include lang" not in r.stdout:
            print("self-test: the command did not fail: %r" % (r,))
            failed += 1
    print("check-layers self-test: %d seeded violations, %d missed"
          % (len(seeds) + 1, failed))
    return 1 if failed else 0


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if argv[1:2] == ["--self-test"]:
        return self_test(root)
    if argv[1:2] == ["--root"] and len(argv) == 3:
        root = argv[2]
    elif len(argv) > 1:
        print(__doc__)
        return 2
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print("check-layers: %d include(s) break the table in %s"
              % (len(problems), os.path.basename(__file__)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
