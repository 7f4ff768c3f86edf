def f(x):
    if x:
        return 1
    else:
        return 2
def g(x):
    while x:
        return x
def h(x):
    for i in x:
        if i:
            return i
    return None
def k():
    return
    x = 1
