# expressions that a compiler folds: results must be the same as unfolded
print 1 + 2 * 3, (1 + 2) * 3, 2 ** 10, 7 // 2, 7 % 3, -(-3), ~~4
print 'ab' * 3, 'x' * 0, 'x' * -1, (1, 2) * 2, (1,) + (2,)
print 'a' * 21, len('ab' * 30), len((1,) * 25)
print 1 / 2, 1.0 / 2, 3 << 2, 256 >> 3, 6 & 3, 6 | 3, 6 ^ 3
print -2 ** 63, 2 ** 63, -(2 ** 63), 2 ** -2
print - 0.0, -0.0 + 0.0, repr(-0.0), repr(-(0.0)), repr(0.0 * -1)
print (1, 2, 3), ((1, 2), (3, (4, 5))), (), ((),)
print 3 > 2, 3 < 2, 1 == 1.0, 'a' < 'b', (1, 2) < (1, 3), not 0, not 1
x = (1, 2, 3)[1]
y = 'abcdef'[2:4]
print x, y, (1, 2, 3)[-1], 'abc'[0]
print 1 if 1 else 2, 1 if 0 else 2, 1 and 2, 0 and 2, 1 or 2, 0 or 2
print 1 - 1j, -1 - 1j, repr(-0j), 1e300 * 1e300
def f():
    return 2 ** 200
print f(), f() == 2 ** 200
try:
    print 1 // 0
except ZeroDivisionError:
    print 'caught folded division by zero'
try:
    print 'a' + 1
except TypeError:
    print 'caught folded type error'
print [None, True, False, Ellipsis, NotImplemented]
