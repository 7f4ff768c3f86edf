exec "x = 1"
exec code in g
exec code in g, l
def f():
    exec "y = 2"
    return y
def h():
    exec "z" in {}
    return z
