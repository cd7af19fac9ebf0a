# Generates tests/unit/response_cases.h from Python 3.11's http.client:
#   cd tests/unit/gen && python3 gen.py > ../response_cases.h
import http.client, socket, sys
from cases import CASES
from rep import D
import zlib

def cstr(b):
    if b is None: return 'NULL'
    if isinstance(b, str): b = b.encode('utf-8')
    out = '"'
    for c in b:
        ch = chr(c)
        if ch == '"' or ch == '\\': out += '\\' + ch
        elif 32 <= c < 127 and ch != '?': out += ch
        else: out += '\\%03o' % c
    return out + '"'

def S(b):
    if isinstance(b, str): b = b.encode('latin-1')
    if len(b) > 300:
        return 'S(NULL, %d, 0x%08xu)' % (len(b), zlib.crc32(b))
    return 'S(%s, %d, 0)' % (cstr(b), len(b))

def inp(d):
    if isinstance(d, D):
        return '%s, %d, %d, %d, %s, %d' % (cstr(d.pre), len(d.pre), d.ch[0], d.n, cstr(d.post), len(d.post)), d.bytes()
    return '%s, %d, 0, 0, NULL, 0' % (cstr(d), len(d)), d

def errmsg(e):
    n = type(e).__name__
    return n, str(e)

def run(data, method, ops):
    a, b = socket.socketpair()
    b.sendall(data); b.shutdown(socket.SHUT_WR)
    r = http.client.HTTPResponse(a, method=method)
    res = {}
    try:
        r.begin()
    except Exception as e:
        res['berr'] = errmsg(e); a.close(); b.close(); return res
    res['head'] = (r.status, r.reason, r.version, int(r.will_close), int(r.chunked),
                   -1 if r.length is None else min(r.length, 2**63-1), r.getheaders())
    steps = []
    for op in ops:
        name = op.split('(')[0]; arg = op[len(name)+1:-1]
        n = int(arg) if arg else -1
        try:
            out = eval('r.' + op)
            err = None
        except Exception as e:
            out = getattr(e, 'partial', b''); err = errmsg(e)
        if name == 'close': out = b''
        steps.append((name, n, out, err, int(r.isclosed()), -1 if r.length is None else min(r.length, 2**63-1)))
    res['steps'] = steps
    a.close(); b.close()
    return res

print('/* Generated from Python %s http.client: expected results of each case. */' % sys.version.split()[0])
for i, (data, method, ops, split) in enumerate(CASES):
    text, data = inp(data)
    res = run(data, method, ops)
    print('{ %s, %d, %s, %d,' % (text, len(data), cstr(method), split))
    if 'berr' in res:
        print('  %s, %s, 0, 0, 0, 0, 0, S(NULL, 0, 0), S(NULL, 0, 0), 0, {{0}} },' % (cstr(res['berr'][0]), S(res['berr'][1])))
        continue
    st, reason, ver, wc, ch, ln, hdrs = res['head']
    hs = b''.join(k.encode('latin-1') + b'\x01' + v.encode('latin-1') + b'\x02' for k, v in hdrs)
    print('  NULL, S(NULL, 0, 0), %d, %d, %d, %d, %d, %s, %s, %d, {' % (st, ver, wc, ch, ln, S(reason.encode('utf-8')), S(hs), len(res['steps'])))
    for (name, n, out, err, closed, length) in res['steps']:
        print('    { "%s", %d, %s, %s, %s, %d, %d },' % (name, n, S(out),
              cstr(err[0]) if err else 'NULL', S(err[1]) if err else 'S(NULL, 0, 0)', closed, length))
    print('  } },')
