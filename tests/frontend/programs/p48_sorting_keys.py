# sorting with key, cmp, reverse; stable sorts; operator module
import operator
people = [('bob', 25, 'nyc'), ('alice', 30, 'sf'), ('carl', 25, 'la'),
          ('dana', 30, 'nyc'), ('eve', 22, 'sf')]
print sorted(people)
print sorted(people, key=lambda p: p[1])
print sorted(people, key=operator.itemgetter(2, 0))
print sorted(people, cmp=lambda a, b: cmp(b[1], a[1]) or cmp(a[0], b[0]))
print sorted(people, key=lambda p: (-p[1], p[0]), reverse=True)
names = [p[0] for p in people]
names.sort(key=len)
print names
class P(object):
    def __init__(self, n, a):
        self.n, self.a = n, a
    def __repr__(self):
        return self.n
objs = [P(*p[:2]) for p in people]
print sorted(objs, key=operator.attrgetter('a', 'n'))
print max(people, key=lambda p: p[1]), min(names), max('abc', 'abd', key=lambda s: s[-1])
print sorted('Hello World'), sorted('Hello World', key=str.lower)
print sorted({3: 'c', 1: 'a', 2: 'b'}.iteritems(), key=lambda kv: kv[1], reverse=True)
print map(operator.mul, [1, 2, 3], [4, 5, 6]), operator.add(1, 2), operator.neg(5)
