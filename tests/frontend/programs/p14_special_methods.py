# operator overloading and special methods
class V(object):
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o): return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return V(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __div__(self, k): return V(self.x / k, self.y / k)
    def __truediv__(self, k): return V(self.x / float(k), self.y / float(k))
    def __neg__(self): return V(-self.x, -self.y)
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __ne__(self, o): return not self == o
    def __lt__(self, o): return (self.x, self.y) < (o.x, o.y)
    def __repr__(self): return 'V(%r, %r)' % (self.x, self.y)
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __iter__(self): return iter((self.x, self.y))
    def __contains__(self, v): return v in (self.x, self.y)
    def __call__(self, *a): return 'called with %r' % (a,)
    def __nonzero__(self): return bool(self.x or self.y)
    def __hash__(self): return hash((self.x, self.y))
    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self
a = V(1, 2)
b = V(3, 4)
print a + b, a - b, a * 3, 3 * a, b / 2, -a, a == V(1, 2), a != b, a < b
print len(a), a[0], a[-1], list(a), 2 in a, 5 in a, a(1, 2), bool(V(0, 0))
c = a
c += b
print a, c is a, sorted([b, a, V(0, 9)])
x, y = a
print x, y
class Attr(object):
    def __getattr__(self, name):
        return 'dyn_' + name
    def __setattr__(self, name, v):
        object.__setattr__(self, name, v * 2)
o = Attr()
o.z = 21
print o.z, o.missing
class Idx(object):
    def __getitem__(self, k): return k
    def __setitem__(self, k, v): print 'set', k, v
    def __delitem__(self, k): print 'del', k
    def __getslice__(self, i, j): return ('slice', i, j)
i = Idx()
print i[1], i[1:2], i[1:2:3], i[...], i[1, 2], i[:, 1:], i[::]
i[3] = 4
i[1:2] = 'x'
del i[5]
del i[::2]
class Ctx(object):
    def __enter__(self): print 'enter'; return self
    def __exit__(self, *a): print 'exit', a[0] is None; return True
with Ctx() as cx:
    raise ValueError
print 'after suppressed'
print 1 .__add__(2), 'x'.__mul__(3), [].__class__.__name__
