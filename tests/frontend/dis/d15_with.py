with open('f') as f:
    data = f.read()
with lock:
    x = 1
with a as (b, c):
    pass
with a:
    with b as c:
        d()
def fn():
    with x as y:
        return y
