# shapes the peephole optimiser rewrites: results must not change
def f(a, b):
    if not a:
        return 'not a'
    if a and b:
        return 'a and b'
    if a or b:
        return 'a or b'
def g(x):
    return x and 'yes' or 'no'
def h(x):
    y = x if x else -1
    while not x:
        x += 1
    return y, x
def swaps(a, b, c):
    a, b = b, a
    a, b, c = c, b, a
    (a, b), c = (c, a), b
    return a, b, c
def dead():
    if 0:
        print 'never'
    while 0:
        print 'never'
    if 1:
        return 'always'
    return 'unreached'
def tuples():
    x = (1, 2, 3)
    y = (x, (4, 5))
    z = 1, 2, 'a', None
    return x, y, z
def chained_jumps(v):
    r = []
    for i in v:
        if i > 2 and (i < 8 or i == 10) and not i == 5:
            r.append(i)
        elif i == 0 or i == 1:
            continue
        else:
            pass
    return r
def ret_in_loop(n):
    while 1:
        if n > 3:
            return n
        n += 1
def cmp_not(a, b):
    return not a in b, not a is b, not (a in b), not (a is None)
def loop_else(n):
    for i in range(n):
        if i == 5:
            break
    else:
        return 'no break'
    return 'break'
for args in [(0, 0), (1, 1), (1, 0), (0, 1)]:
    print f(*args), g(args[0]), h(args[1])
print swaps(1, 2, 3), dead(), tuples(), chained_jumps(range(12))
print ret_in_loop(0), cmp_not(1, [1]), cmp_not(2, [1]), loop_else(3), loop_else(9)
print [x for x in range(20) if not x % 3 and x or x == 1]
def unary_consts():
    return -1, --1, -(-2), ~0, +3, not 1, -0.5, -(1j), - - - 4
print unary_consts()
def small_loops():
    s = 0
    i = 0
    while i < 10:
        i += 1
        if i % 2: continue
        s += i
    return s
print small_loops()
