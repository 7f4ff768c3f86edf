if a:
    b = 1
elif c:
    b = 2
else:
    b = 3
if not a:
    pass
if a and b:
    x()
if a or b:
    y()
if 0:
    never()
if 1:
    always()
if __debug__:
    dbg()
if "":
    no()
else:
    yes()
