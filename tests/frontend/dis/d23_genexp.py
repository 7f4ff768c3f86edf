a = (x for x in range(10))
b = sum(x * x for x in range(10) if x % 2)
c = list((x, y) for x in a for y in b)
def f(n):
    return (n + i for i in range(n))
