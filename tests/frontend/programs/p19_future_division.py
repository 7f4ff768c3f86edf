from __future__ import division, absolute_import
# true division under the future import, and in a nested function
print(7 / 2, 7 // 2, -7 / 2, 1 / 3, 4 / 2, type(4 / 2).__name__)
def f(a, b):
    return a / b
print(f(1, 4), f(9, 3))
x = 9
x /= 2
print(x)
print(divmod(7, 2), 7.0 // 2, 2 ** -1)
code = compile('print 7 / 2', '<s>', 'exec')
exec code
import string
print(string.__name__)
