# decorators: plain, with arguments, stacked, on classes and methods
def trace(f):
    def wrapper(*a, **k):
        print 'call', f.__name__, [type(x).__name__ for x in a]
        return f(*a, **k)
    wrapper.__name__ = 'traced_' + f.__name__
    return wrapper
def repeat(n):
    def deco(f):
        def w(*a):
            return [f(*a) for _ in range(n)]
        return w
    return deco
@trace
def add(a, b):
    return a + b
print add(1, 2), add.__name__
@repeat(3)
@trace
def hello(x):
    return 'hi ' + x
print hello('bob')
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class A(object):
    @staticmethod
    def s(x):
        return 's%d' % x
    @classmethod
    def c(cls, x):
        return '%s.c%d' % (cls.__name__, x)
    @property
    def p(self):
        return 'prop'
@register
class B(A):
    pass
print registry, A.s(1), B.c(2), B().p, A().s(3)
import functools
def keep(f):
    @functools.wraps(f)
    def w(*a):
        return f(*a)
    return w
@keep
def documented():
    "doc here"
print documented.__name__, documented.__doc__
class Obj(object):
    @trace
    def m(self, v):
        return v * 2
print Obj().m(21)
def attr_deco(f):
    f.tagged = True
    return f
@attr_deco
def tagged(): pass
print tagged.tagged
import functools as ft
@ft.partial(trace)
def through_dotted(): return 'ok'
print through_dotted()
