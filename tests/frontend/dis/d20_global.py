x = 0
def f():
    global x
    x = 1
    return x
def g():
    return y
def h():
    global z
    del z
class C:
    global w
    w = 1
    v = w
