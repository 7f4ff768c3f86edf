def f(x):
    class C:
        y = x
        def m(self):
            return x
    return C
def g():
    a = 1
    class K:
        a = 2
        def m(self):
            return a
    return K
