# stack depth: many arguments, long tuples, nested calls, long chains
def many(*a):
    return len(a), sum(a)
print many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
           21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38,
           39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
           57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74)
def kws(**k):
    return sorted(k.items())
print kws(a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10, k=11, l=12)
x = 2
t = (x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x,
     x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x)
print len(t), sum(t)
print [x, [x, [x, [x, [x, [x, [x, [x, [x, [x]]]]]]]]]]
s = x + x * (x - (x + (x * (x - (x + (x * (x - (x + x))))))))
print s
print max(min(abs(-x), 5), min(max(x, 1), max(x, 2)), int(str(float(x))[0]))
print x < 3 < 4 < 5 < 6 < 7 < 8 < 9 < 10 < 11 > 1
def rec_call(f, n):
    return f(f(f(f(f(f(f(f(n))))))))
print rec_call(lambda v: v * 2, 1)
a = b = c = d = e = f = g = h = [x]
print a is h
print (lambda *a: a)(*[1, 2], **{})
print (x, x) * 2 + (x,) + ((x, x), (x, (x, x)))
print {x: x, x + 1: {x: [x, {x}]}, (x, x): (x,)}
