x = [1, 2, 3][1:]
y = {'a': [1, {2: (3, 4)}], 'b': {5, 6}}
z = not (a == b)
w = not (a < b < c)
v = (a, b) = c, d = e
u = a[b][c].d(e)[f:g]
t = lambda: (yield 1)
s = (yield_ for yield_ in [None])
r = [[j for j in range(i)] for i in range(3)]
q = 1 if 0 else 2
p = a is not None and b is None or c
o = `1, 2`
n = -(-1), - - 1, ~~3, +4
