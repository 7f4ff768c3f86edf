try:
    a()
except ValueError:
    b()
except (TypeError, KeyError), e:
    c(e)
except:
    d()
else:
    f()
try:
    g()
finally:
    h()
try:
    try:
        i()
    except Exception as err:
        raise
finally:
    j()
def fn():
    try:
        return 1
    finally:
        cleanup()
