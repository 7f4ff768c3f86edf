# comparisons, chaining, boolean operators, short circuit
def t(name, v):
    print name, v
    return v
print 1 < 2 < 3, 1 < 3 < 2, 1 == 1 != 2, 3 > 2 >= 2 > 1
print 1 is 1, None is None, None is not None, [] is [], 1 in [1], 2 not in [1]
print 1 <> 2, 1 <> 1
r = t('a', 1) < t('b', 2) < t('c', 0) < t('d', 5)
print r
print t('x', 0) and t('y', 1), t('x', 1) and t('y', 0)
print t('x', 0) or t('y', 2), t('x', 3) or t('y', 4)
print not t('n', 0), not t('n', [])
print (t('p', 1) and t('q', 0)) or t('r', 'z')
print t('a', 1) if t('c', 0) else t('b', 2)
x = 5
if 0 < x < 10 and not x == 3 or x is None:
    print 'in range'
if not (x > 3 and x < 4):
    print 'negated'
print cmp(1, 2), cmp('b', 'a'), cmp([1], [1]), sorted([3, 1, 2]) == [1, 2, 3]
print None < 0, () > [], 'a' > 5, {} < []
print [x for x in range(10) if x % 2 and x > 3 or x == 0]
while x and x > 2:
    x -= 1
print x
