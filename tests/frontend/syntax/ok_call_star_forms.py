f(a, b=1, *c, **d)
f(*a)
f(**k)
f(a, *b)
