# arithmetic operators on ints, longs, floats, complex, classic division
ops = [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b,
    lambda a, b: a / b, lambda a, b: a // b, lambda a, b: a % b,
    lambda a, b: a ** b,
]
vals = [7, -7, 2, -3, 7L, 2.5, -0.5]
for a in vals:
    row = []
    for b in vals:
        for op in ops:
            try:
                r = op(a, b)
            except Exception as e:
                r = type(e).__name__
            row.append(r)
    print a, row
print 7 / 2, -7 / 2, 7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.0 / 2, 2 ** -1
print 1 << 10, 1 << 70, -8 >> 1, 5 & 3, 5 | 3, 5 ^ 3, ~0
print divmod(7, -2), divmod(-7.5, 2), pow(3, 4, 5), abs(-3), abs(-3.5)
print (1 + 2j) * (3 - 4j), (1 + 2j) / (1 - 1j), abs(3 + 4j)
try:
    print 1 / 0
except ZeroDivisionError as e:
    print 'ZeroDivisionError', e
try:
    print 1 % 0.0
except ZeroDivisionError as e:
    print 'ZeroDivisionError', e
print 2 ** 100, 2 ** 64 - 1, -2 ** 2, (-2) ** 2, 2 ** 3 ** 2
x = 10
x += 5; x -= 3; x *= 2; x /= 5; x //= 2; x %= 7; x **= 3
x <<= 2; x >>= 1; x &= 0xff; x |= 0x100; x ^= 0x3
print x
