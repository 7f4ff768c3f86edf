# float and complex literals, signed zeros, reprs
print 1.0, 1., .5, 1e10, 1E-5, 1.5e+3, 3.14159265358979, 1e300 * 10
print repr(0.1), repr(1.0 / 3), str(1.0 / 3), repr(1e16), repr(1e-7)
print 0.0, -0.0, repr(-0.0), -(0.0), 0.0 * -1
print 1j, 2.5j, -3j, 1 + 2j, 1e3j, 0j, -0j
print repr(complex(0.0, -0.0)), (-0.0) + 0j
a = -0.0
b = 0.0
print repr(a), repr(b), a == b
def f():
    return (0.0, -0.0, 0j, -0j)
print [repr(x) for x in f()]
print 1e309, -1e309, 1e309 - 1e309 != 1e309 - 1e309
print 10 ** -2, 2 ** 0.5, float('1.5'), int(3.9), int(-3.9), round(2.675, 2)
