# list, set, dict comprehensions and their scoping in Python 2
print [x * 2 for x in range(5)]
print [(x, y) for x in range(3) for y in range(3) if x != y if x + y > 1]
print [x for x in range(3)], x
print sorted({x % 3 for x in range(10)})
print sorted({k: v for k, v in zip('abc', range(3))}.items())
print sorted({k: [v for v in range(k)] for k in range(4)}.items())
print [[i * j for j in range(3)] for i in range(3)]
print [y for y in (lambda: [1, 2])()]
def f():
    return [z for z in range(3)], z
print f()
def g():
    a = 10
    return {a + b for b in range(2)}, {b: a for b in range(1)}
print g()
def h():
    return list(x for x in range(3)), 'x' in locals()
print h()
print [i for i in range(10) if i % 2 if i % 3]
print {1, 2, 3} == set([1, 2, 3]), {}, {1: 2}, sorted({'a', 'b'})
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print C.doubled
print [(lambda q: q + 1)(v) for v in range(3)]
print [x for x in [y for y in range(6)] if x % 2 == 0]
