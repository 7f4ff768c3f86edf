# lambda, closures, nested scopes, free and cell variables
add = lambda a, b=1: a + b
print add(1), add(1, 2), (lambda: 42)(), (lambda *a, **k: (a, k))(1, x=2)
def counter():
    count = [0]
    def inc(n=1):
        count[0] += n
        return count[0]
    return inc
c = counter()
print c(), c(), c(5)
def outer(x):
    def middle(y):
        def inner(z):
            return x + y + z
        return inner
    return middle
print outer(1)(2)(3)
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print [a(10) for a in make_adders()]
def late():
    fs = [lambda x: x + i for i in range(3)]
    return [f(10) for f in fs]
print late()
def shadow():
    x = 1
    def g():
        x = 2
        return x
    return g(), x
print shadow()
x = 'global'
def reads_global():
    return x
def class_scope():
    y = 'enclosing'
    class C:
        y = 'class attr'
        z = y
        def m(self):
            return y
    return C.z, C().m()
print reads_global(), class_scope()
def cell_arg(a):
    def g():
        return a
    a = a * 2
    return g()
print cell_arg(21)
print outer.__code__.co_cellvars, outer(1).__code__.co_freevars
print outer(1)(2).__code__.co_freevars, sorted(outer(1)(2).__code__.co_varnames)
def rec():
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    return fib(15)
print rec()
