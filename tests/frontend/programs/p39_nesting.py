# deep nesting of blocks, expressions and functions
def f1(x):
    def f2(x):
        def f3(x):
            def f4(x):
                def f5(x):
                    def f6(x):
                        def f7(x):
                            def f8(x):
                                return x + 8
                            return f8(x) + 7
                        return f7(x) + 6
                    return f6(x) + 5
                return f5(x) + 4
            return f4(x) + 3
        return f3(x) + 2
    return f2(x) + 1
print f1(0)
v = ((((((((((((((((((((1))))))))))))))))))))
print v
w = [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]
print w
e = 1 + (2 * (3 - (4 + (5 * (6 - (7 + (8 * (9 - (10 + (11 * (12 - 13)))))))))))
print e
def blocks(n):
    r = []
    for a in range(n):
        for b in range(n):
            if a < b:
                while True:
                    try:
                        try:
                            with open('/dev/null') as fh:
                                for c in range(2):
                                    if c:
                                        r.append((a, b, c))
                                        raise KeyError
                        finally:
                            r.append('f')
                    except KeyError:
                        break
    return r
print blocks(3)
print (lambda a: (lambda b: (lambda c: (lambda d: a + b + c + d))))(1)(2)(3)(4)
print {'a': {'b': {'c': {'d': [1, (2, {3: set([4])})]}}}}
x = 5
r = 'a' if x > 9 else 'b' if x > 7 else 'c' if x > 5 else 'd' if x > 3 else 'e'
print r
print not not not not not x, - - - - - x, ~ ~ ~ x
