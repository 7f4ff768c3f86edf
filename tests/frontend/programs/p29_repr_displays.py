# backquotes, displays of every size, nested literals
x = 42
print `x`, `'s'`, `1, 2`, `[x]`, repr(x) == `x`
print [], [1], [1, 2, [3, [4, [5]]]], (), (1,), (1, (2, (3,)))
print {}, {'a': 1}, sorted({1: 'a', 2: 'b', 3: 'c'}.items())
big = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
       20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
       38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55,
       56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73]
print len(big), sum(big)
d = {'k0': 0, 'k1': 1, 'k2': 2, 'k3': 3, 'k4': 4, 'k5': 5, 'k6': 6, 'k7': 7,
     'k8': 8, 'k9': 9, 'k10': 10, 'k11': 11, 'k12': 12, 'k13': 13, 'k14': 14,
     'k15': 15, 'k16': 16, 'k17': 17, 'k18': 18, 'k19': 19, 'k20': 20}
print len(d), sorted(d.values()) == range(21)
s = {1, 2, 3, 2, 1}
print sorted(s), type(s).__name__, type({}).__name__
t = (x, x + 1, [x], {x: x}, {x}, (x,))
print t
dup = {'a': 1, 'a': 2}
print dup
trailing = [1, 2, 3,]
trailing2 = {1: 2,}
trailing3 = (1, 2,)
print trailing, trailing2, trailing3
mixed = [1, 'a', 2.0, 3L, 4j, None, True, u'u']
print mixed
print [[]] * 3, [[] for _ in range(2)]
