class R:
    """A run of one byte, kept symbolic so the C table stays small."""
    def __init__(s, ch, n): s.ch, s.n = ch, n
class D:
    def __init__(s, pre, ch, n, post): s.pre, s.ch, s.n, s.post = pre, ch, n, post
    def bytes(s): return s.pre + s.ch * s.n + s.post
    def __add__(s, o): return D(s.pre, s.ch, s.n, s.post + o)
    def __radd__(s, o): return D(o + s.pre, s.ch, s.n, s.post)
def _radd(self, o): return D(o, self.ch, self.n, b'')
def _add(self, o): return D(b'', self.ch, self.n, o)
R.__radd__ = _radd; R.__add__ = _add
