# def: defaults, *args, **kwargs, keyword calls, tuple parameters, recursion
def f(a, b=2, *args, **kw):
    return a, b, args, sorted(kw.items())
print f(1)
print f(1, 3)
print f(1, 3, 4, 5)
print f(1, x=9, b=7)
print f(*(1, 2, 3), **{'z': 1})
print f(1, *[2, 3], **{'q': 4})
print f(a=5)
def g((a, b), c, (d, (e, f))=(4, (5, 6))):
    return a, b, c, d, e, f
print g((1, 2), 3)
print g((1, 2), 3, (7, (8, 9)))
print g.__code__.co_varnames, g.__code__.co_argcount
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print fact(20), fact(30)
def noret():
    pass
print noret()
def defaults(x=[]):
    x.append(1)
    return len(x)
print defaults(), defaults(), defaults([])
def kwonly(**kw):
    return kw
print kwonly(a=1) == {'a': 1}
try:
    f()
except TypeError as e:
    print 'TypeError', e
try:
    f(1, 2, b=3)
except TypeError as e:
    print 'TypeError', e
def doc():
    "the docstring"
    return doc.__doc__
print doc(), f.__name__, f.__defaults__, fact.func_name
def nodoc():
    x = "not a docstring"
    return x
print nodoc.__doc__
def varargs_only(*a):
    return a
print varargs_only(), varargs_only(1, 2)
def early(x):
    if x:
        return 'early'
    print 'late'
print early(1), early(0)
