def f():
    x = 1
    def g():
        exec("y = 1")
        return x
    return g
