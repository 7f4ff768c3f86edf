# classic (old-style) class behaviour the compiler must not disturb
class A:
    x = 'A.x'
    def __init__(self, v):
        self.v = v
    def __cmp__(self, other):
        return cmp(self.v, other.v)
    def __str__(self):
        return 'A(%s)' % self.v
    def __coerce__(self, other):
        return None
class B(A):
    def __init__(self, v):
        A.__init__(self, v * 2)
a, b = A(1), B(1)
class G:
    def __getattr__(self, name):
        return 'missing:' + name
print G().nothing
print a.x, a.v, b.v, a < b, max(a, b), str(b), type(a).__name__
print isinstance(b, A), B.__bases__[0].__name__, A.__name__, hasattr(A, '__mro__')
print [x.v for x in sorted([B(3), A(5), A(1)])]
class Counter:
    n = 0
    def inc(cls):
        cls.n += 1
    inc = classmethod(inc)
Counter.inc(); Counter.inc()
print Counter.n
class Number:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Number(self.v + (o.v if isinstance(o, Number) else o))
    __radd__ = __add__
    def __repr__(self):
        return 'N%d' % self.v
print Number(1) + 2, 3 + Number(4), sum([Number(1), Number(2)], Number(0))
try:
    raise A, 5
except A as inst:
    print 'raised classic instance', inst.v
