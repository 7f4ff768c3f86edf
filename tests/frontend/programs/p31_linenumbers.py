# line numbers: tracebacks, f_lineno, multi-line statements, decorators
import sys, os, traceback
def where():
    f = sys._getframe(1)
    return f.f_code.co_name, f.f_lineno
def tb_lines(exc_tb):
    return [(os.path.basename(fn), ln, name, text)
            for fn, ln, name, text in traceback.extract_tb(exc_tb)]
print where()
x = (1 +
     2 +
     where()[1])
print x
def multi_line_call():
    return where(
    )
print multi_line_call()
def fails(n):
    a = 1
    b = [a,
         a / n]
    return b
try:
    fails(0)
except ZeroDivisionError:
    print tb_lines(sys.exc_info()[2])
def deco(f):
    return f
@deco
def decorated():
    return where()
print decorated(), decorated.__code__.co_firstlineno
class K(object):
    def m(self):
        return where()
print K().m(), K.m.__code__.co_firstlineno
def loop_lines():
    out = []
    for i in range(2):
        out.append(where()[1])
    else:
        out.append(where()[1])
    while out:
        out.pop()
        break
    return out
print loop_lines()
def raise_in_nested():
    def inner():
        raise ValueError('x')
    inner()
try:
    raise_in_nested()
except ValueError:
    print tb_lines(sys.exc_info()[2])
lam = lambda: where()
print lam(), lam.__code__.co_firstlineno
try:
    [1, 2,
     3][
         10]
except IndexError:
    print tb_lines(sys.exc_info()[2])
def gen():
    yield where()
    yield where()
print list(gen())
if True:
    print where()
s = """a
b
c"""; print where()
