# code object fields that are semantics, not bytecode detail
def fields(f):
    c = f.__code__
    flags = c.co_flags
    names = [n for n, bit in (('OPTIMIZED', 1), ('NEWLOCALS', 2), ('VARARGS', 4),
                              ('VARKEYWORDS', 8), ('NESTED', 16), ('GENERATOR', 32),
                              ('NOFREE', 64)) if flags & bit]
    return (c.co_name, c.co_argcount, c.co_nlocals, c.co_varnames,
            c.co_freevars, c.co_cellvars, names)
def plain(a, b):
    c = a + b
    return c
def star(a, *args, **kw):
    return a
def gen(x):
    yield x
def outer(p):
    q = 1
    def inner(r):
        return p + q + r
    return inner
def tuple_params(a, (b, c), d=1):
    return a + b + c + d
def uses_global():
    return len
lam = lambda x, y=2: x
for f in (plain, star, gen, outer, outer(1), tuple_params, uses_global, lam):
    print fields(f)
print plain.__code__.co_consts[0], star.__code__.co_filename.endswith('p33_code_objects.py')
def with_doc():
    "doc"
    return 1
print with_doc.__code__.co_consts[0], with_doc.__doc__
print sorted(uses_global.__code__.co_names), sorted(plain.__code__.co_names)
class C(object):
    def m(self):
        return 1
    x = 1
print C.m.__code__.co_varnames, fields(C.m.__func__)
import sys
mod = sys._getframe().f_code
print mod.co_name, mod.co_argcount, mod.co_varnames, mod.co_flags & 3
print (lambda: (yield)).__code__.co_flags & 32
