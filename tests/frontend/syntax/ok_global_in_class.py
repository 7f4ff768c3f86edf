class C:
    global g
    g = 1
