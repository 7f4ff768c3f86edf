# with statement: as targets, nesting, multiple items, exceptions, returns
class CM(object):
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print 'enter', self.name
        return self.name.upper()
    def __exit__(self, t, v, tb):
        print 'exit', self.name, t.__name__ if t else None
        return self.swallow
with CM('a') as x:
    print 'body', x
with CM('b'):
    print 'no target'
with CM('c') as x, CM('d') as y:
    print 'two', x, y
with CM('e', True) as x:
    with CM('f') as (y):
        raise ValueError
print 'swallowed'
def ret():
    with CM('g'):
        return 'returned'
print ret()
def loop():
    for i in range(3):
        with CM('h%d' % i):
            if i == 0:
                continue
            if i == 1:
                break
loop()
try:
    with CM('i'):
        raise KeyError('k')
except KeyError:
    print 'propagated'
class Box(object):
    pass
b = Box()
with CM('j') as b.attr:
    pass
d = {}
with CM('k') as d['key']:
    pass
with CM('lm') as (p, q):
    pass
print b.attr, d, p, q
import threading
lock = threading.Lock()
with lock:
    print 'locked', lock.locked()
print 'unlocked', lock.locked()
