global x
def f():
    global y, z
