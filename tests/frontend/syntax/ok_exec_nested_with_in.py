def f():
    exec 'x=1' in {}
    def g():
        return x
