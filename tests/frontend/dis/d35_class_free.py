def f():
    x = 1
    class C:
        x = 2
        def x_(self):
            return x
        def m(self):
            return x
    return C
def g(method):
    class D:
        def method(self):
            return method
    return D
class E:
    n = 3
    squares = [i * i for i in range(n)]
    gen = list(j for j in range(4))
