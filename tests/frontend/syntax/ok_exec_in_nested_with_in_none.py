def f():
    def g():
        return y
    exec 'y=1' in None
