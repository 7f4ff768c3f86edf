# scoping edge cases of Python 2: class bodies, free variables, globals
x = 'global x'
def f():
    x = 'f local'
    class C(object):
        x = 'class x'
        y = x
        def m(self):
            return x
    return C.y, C().m()
print f()
def g():
    v = 1
    class D:
        w = v + 1
    return D.w
print g()
def h():
    y = 'enclosing'
    class E:
        try:
            print 'in class body:', y
        except NameError as e:
            print 'class body NameError:', e
        y = 'class-level'
        print 'after rebinding:', y
    return E.y
print h()
def k():
    def inner():
        return z
    z = 'bound later'
    return inner()
print k()
class Outer(object):
    a = 1
    def m(self):
        try:
            return a
        except NameError as e:
            return 'NameError: %s' % e
print Outer().m()
def unbound():
    try:
        print q
    except NameError as e:
        print 'NameError', e
    q = 1
def unbound_local():
    try:
        print r
        r = 1
    except UnboundLocalError as e:
        print 'UnboundLocalError', e
unbound()
unbound_local()
def gen_scope():
    n = 3
    return list(i * n for i in range(n))
print gen_scope()
def class_in_genexp():
    class C:
        items = [1, 2]
        total = sum(i for i in [1, 2])
    return C.total
print class_in_genexp()
def import_star_free_ok():
    from os.path import *
    return join('a', 'b')
print import_star_free_ok()
def default_from_enclosing():
    d = 5
    def inner(a=d):
        return a
    d = 6
    return inner()
print default_from_enclosing()
