x = (1,
     2,
     3)
y = f(a,
      b)


z = [i
     for i in
     range(3)]
def g():

    return 1
if (a and
    b):
    pass
