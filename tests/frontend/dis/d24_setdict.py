a = {1, 2, 3}
b = {x for x in range(10)}
c = {}
d = {1: 2, 'a': 'b', x: y}
e = {k: v for k, v in items}
f = {k: v for k in a if k for v in b}
def g(n):
    return {i: n for i in range(n)}
