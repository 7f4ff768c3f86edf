# numeric code: matrices with nested lists, primes, big integers
def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
def matpow(m, k):
    r = identity(len(m))
    while k:
        if k & 1:
            r = matmul(r, m)
        m = matmul(m, m)
        k >>= 1
    return r
print matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
print matpow([[1, 1], [1, 0]], 90)[0][1]
def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    for i in xrange(2, int(n ** 0.5) + 1):
        if is_p[i]:
            is_p[i * i::i] = [False] * len(is_p[i * i::i])
    return [i for i, p in enumerate(is_p) if p]
ps = sieve(200)
print len(ps), ps[-5:], sum(ps)
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print gcd(2 ** 100 - 1, 2 ** 60 - 1), gcd(1071, 462)
print 3 ** 100 % 1000007, pow(3, 100, 1000007), 2 ** 521 - 1 > 10 ** 150
fact = reduce(lambda a, b: a * b, xrange(1, 40))
print fact, len(str(fact)), hex(255), oct(8), bin(10), hex(2 ** 70)
print int('ff', 16), int('777', 8), long('123456789012345678901234567890'), int('  42  ')
print float.fromhex('0x1.8p1'), (0.1 + 0.2) == 0.3, abs(-2 ** 63), -2 ** 63 // 3
