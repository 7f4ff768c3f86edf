# line numbers across large gaps (lnotab increments above 255)
import sys
def where():
    return sys._getframe(1).f_lineno
print where()












































































































































































































































































































print where()
def f():
    a = 1
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    # gap
    return where()
print f()
x = (1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1)
print x, where()
def g():
    v = 0
    v = v + 0 * 2 - 1 + v // 3
    v = v + 1 * 2 - 1 + v // 3
    v = v + 2 * 2 - 1 + v // 3
    v = v + 3 * 2 - 1 + v // 3
    v = v + 4 * 2 - 1 + v // 3
    v = v + 5 * 2 - 1 + v // 3
    v = v + 6 * 2 - 1 + v // 3
    v = v + 7 * 2 - 1 + v // 3
    v = v + 8 * 2 - 1 + v // 3
    v = v + 9 * 2 - 1 + v // 3
    v = v + 10 * 2 - 1 + v // 3
    v = v + 11 * 2 - 1 + v // 3
    v = v + 12 * 2 - 1 + v // 3
    v = v + 13 * 2 - 1 + v // 3
    v = v + 14 * 2 - 1 + v // 3
    v = v + 15 * 2 - 1 + v // 3
    v = v + 16 * 2 - 1 + v // 3
    v = v + 17 * 2 - 1 + v // 3
    v = v + 18 * 2 - 1 + v // 3
    v = v + 19 * 2 - 1 + v // 3
    v = v + 20 * 2 - 1 + v // 3
    v = v + 21 * 2 - 1 + v // 3
    v = v + 22 * 2 - 1 + v // 3
    v = v + 23 * 2 - 1 + v // 3
    v = v + 24 * 2 - 1 + v // 3
    v = v + 25 * 2 - 1 + v // 3
    v = v + 26 * 2 - 1 + v // 3
    v = v + 27 * 2 - 1 + v // 3
    v = v + 28 * 2 - 1 + v // 3
    v = v + 29 * 2 - 1 + v // 3
    v = v + 30 * 2 - 1 + v // 3
    v = v + 31 * 2 - 1 + v // 3
    v = v + 32 * 2 - 1 + v // 3
    v = v + 33 * 2 - 1 + v // 3
    v = v + 34 * 2 - 1 + v // 3
    v = v + 35 * 2 - 1 + v // 3
    v = v + 36 * 2 - 1 + v // 3
    v = v + 37 * 2 - 1 + v // 3
    v = v + 38 * 2 - 1 + v // 3
    v = v + 39 * 2 - 1 + v // 3
    v = v + 40 * 2 - 1 + v // 3
    v = v + 41 * 2 - 1 + v // 3
    v = v + 42 * 2 - 1 + v // 3
    v = v + 43 * 2 - 1 + v // 3
    v = v + 44 * 2 - 1 + v // 3
    v = v + 45 * 2 - 1 + v // 3
    v = v + 46 * 2 - 1 + v // 3
    v = v + 47 * 2 - 1 + v // 3
    v = v + 48 * 2 - 1 + v // 3
    v = v + 49 * 2 - 1 + v // 3
    v = v + 50 * 2 - 1 + v // 3
    v = v + 51 * 2 - 1 + v // 3
    v = v + 52 * 2 - 1 + v // 3
    v = v + 53 * 2 - 1 + v // 3
    v = v + 54 * 2 - 1 + v // 3
    v = v + 55 * 2 - 1 + v // 3
    v = v + 56 * 2 - 1 + v // 3
    v = v + 57 * 2 - 1 + v // 3
    v = v + 58 * 2 - 1 + v // 3
    v = v + 59 * 2 - 1 + v // 3
    return v, where()
print g()
s = '''
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
text
'''
print len(s), where()
