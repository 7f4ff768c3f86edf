# iterator protocol, iter(callable, sentinel), builtins on iterators
class Count(object):
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __iter__(self):
        return self
    def next(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print list(Count(4)), sum(Count(10)), max(Count(3)), sorted(Count(3), reverse=True)
class Seq(object):
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print list(Seq()), 20 in Seq(), [x for x in Seq()]
vals = iter([1, 2, 3, None, 4])
print list(iter(lambda: next(vals), None))
print list(enumerate('abc', 1)), zip('ab', [1, 2], (True, False)), map(None, [1], [2])
print dict(zip('xyz', range(3))) == {'x': 0, 'y': 1, 'z': 2}
it = iter(range(5))
for x in it:
    if x == 1:
        print 'skipping', next(it)
print list(reversed([1, 2, 3])), list(xrange(2, 10, 3)), any([0, 1]), all([])
print filter(None, [0, 1, '', 'a']), reduce(lambda a, b: a * b, range(1, 6))
a, b, c = Count(3)
print a, b, c
g = (i for i in Count(2))
print next(g), next(g), next(g, 'done')
