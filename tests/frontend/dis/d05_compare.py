a = x < y
b = x <= y > z
c = x == y != z < w
d = x is y, x is not y, x in y, x not in y
e = not x is y
f = not x in y
g = x and y
h = x or y or z
i = x and y or z
