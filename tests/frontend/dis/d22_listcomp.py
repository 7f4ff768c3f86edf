a = [x for x in range(10)]
b = [x * y for x in range(3) for y in range(4) if x if y > 1]
c = [(i, j) for i in a if i for j in b]
def f(n):
    return [n + i for i in range(n)]
