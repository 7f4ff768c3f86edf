# generators: yield, send, throw, close, yield in try/finally, genexps
def gen(n):
    for i in range(n):
        yield i
    yield 'end'
print list(gen(3))
def echo():
    received = None
    while True:
        try:
            received = yield received
        except ValueError as e:
            received = 'caught %s' % e
        if received == 'stop':
            return
g = echo()
print g.next(), g.send(1), g.send('x'), g.throw(ValueError('boom'))
try:
    g.send('stop')
except StopIteration:
    print 'stopped'
def fin():
    try:
        yield 1
        yield 2
    finally:
        print 'finally ran'
g = fin()
print g.next()
g.close()
print 'closed'
def expr_yield():
    x = yield
    y = (yield x * 2) + 1
    print 'y is', y
    yield [(yield), (yield)]
g = expr_yield()
g.next()
print g.send(5)
g.send(10)
print g.send('a'), g.send('b')
squares = (x * x for x in range(5))
print sum(squares), list(x for x in 'abc' if x != 'b')
print sorted((x, y) for x in range(2) for y in range(2))
def nested():
    for i in range(3):
        yield (j for j in range(i))
print [list(g) for g in nested()]
def gen_ret():
    yield 1
    return
    yield 2
print list(gen_ret())
print type(gen(1)).__name__, gen.__code__.co_flags & 0x20 != 0
def fib():
    a, b = 0, 1
    while 1:
        yield a
        a, b = b, a + b
import itertools
print list(itertools.islice(fib(), 15))
