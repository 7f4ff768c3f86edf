# del in all its forms, unpacking assignment, chained assignment
a = b = c = [1, 2, 3]
print a is b is c
x, y = 1, 2
x, y = y, x
print x, y
(p, q), r = [1, 2], 3
[s, (t, u)] = 4, (5, 6)
print p, q, r, s, t, u
first, = [9]
print first
d = {'k': 1, 'j': 2}
del d['k']
print d
lst = range(10)
del lst[0], lst[-1]
del lst[::2]
del lst[1:2]
print lst
class O(object): pass
o = O()
o.a = 1
o.b = 2
del o.a
print hasattr(o, 'a'), o.b
v = 5
del v
try:
    v
except NameError as e:
    print 'NameError', e
def local_del():
    w = 1
    del w
    try:
        return w
    except UnboundLocalError as e:
        return 'UnboundLocalError %s' % e
print local_del()
del (x, y), [p, q]
print 'x' in dir(), 'r' in dir()
i = 0
l = [0, 0, 0]
i, l[i] = 1, 5
print i, l
m = n = 0
m += 1
print m, n
e, f = 'ab'
g, h = iter([1, 2])
print e, f, g, h
obj = O()
obj.x, obj.y = 3, 4
l[0], l[1] = l[1], l[0]
print obj.x, obj.y, l
