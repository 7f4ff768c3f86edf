"""Module docstring."""
a = 1
b = c = 2
d, e = 3, 4
[f, g] = h = 5, 6
a.x = b
a[1] = c
a[1:2] = d
del a.x, a[1], a[1:], e
x, (y, z) = 1, (2, 3)
