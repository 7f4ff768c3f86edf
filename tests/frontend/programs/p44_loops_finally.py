# break/continue/return through try/finally and except, in loops
def f():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append('f%d' % i)
    return out
print f()
def g():
    for i in range(3):
        try:
            try:
                if i == 1:
                    raise ValueError
            except ValueError:
                continue
            finally:
                print 'inner finally', i
        finally:
            print 'outer finally', i
    return 'done'
print g()
def h():
    i = 0
    while True:
        i += 1
        try:
            if i > 2:
                return i
        finally:
            print 'h finally', i
print h()
def nested_return():
    try:
        try:
            return 'inner'
        finally:
            print 'first'
    finally:
        print 'second'
print nested_return()
def except_in_loop():
    r = []
    for x in [1, 0, 2, 'a', 3]:
        try:
            r.append(10 / x)
        except ZeroDivisionError:
            r.append('z')
            continue
        except TypeError:
            r.append('t')
            break
        else:
            r.append('ok')
    return r
print except_in_loop()
def while_else_finally():
    n = 0
    while n < 3:
        try:
            n += 1
        finally:
            pass
    else:
        return 'else %d' % n
print while_else_finally()
def gen_finally():
    for i in range(3):
        try:
            yield i
        finally:
            print 'gen finally', i
print list(gen_finally())
