# slicing: simple, extended, negative steps, slice assignment, Ellipsis
l = range(10)
print l[2:5], l[:3], l[7:], l[:], l[-3:], l[:-3], l[::3], l[::-1], l[8:2:-2]
print l[100:], l[-100:2], l[5:1], 'hello'[1:-1], (1, 2, 3, 4)[::2]
m = range(10)
m[2:5] = ['a', 'b']
print m
m[::2] = 'vwxyz'
print m
m[:] = []
print m
m[0:0] = [1, 2, 3]
print m
class S(object):
    def __getitem__(self, k):
        return k
s = S()
print s[1:2], s[1:2:3], s[::], s[:], s[1:], s[:2], s[::-1]
print s[...], s[1, ...], s[1:2, 3], s[:, :], s[1:2:3, ::4, ...]
print s['key'], s[()], s[1,], s[-1]
sl = slice(1, 8, 2)
print l[sl], sl.start, sl.stop, sl.step, slice(3).indices(10)
t = 'abcdefghij'
print t[slice(None, None, -1)], t[-2::-3]
n = [[1, 2], [3, 4]]
print n[1][0], n[-1][-1]
n[0][1:] = [9, 9, 9]
print n
d = {}
d[1, 2] = 'tuple key'
d[(3,)] = 'one'
print sorted(d.items())
x = l[1:3] + l[5:7]
print x, len(l[::])
