@d[0]
def f():
    pass
