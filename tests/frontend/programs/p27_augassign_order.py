# augmented assignment targets and evaluation order with side effects
log = []
def t(name, v):
    log.append(name)
    return v
class O(object):
    pass
o = O()
o.a = 1
d = {'k': 10, 0: 0}
l = [1, 2, 3, 4]
t('obj', o).a += t('val', 5)
t('dict', d)[t('key', 'k')] *= t('val', 3)
t('list', l)[t('lo', 1):t('hi', 3)] += t('val', [9])
print o.a, d, l, log
del log[:]
x = t('rhs', 1) + t('rhs2', 2) * t('rhs3', 3)
d[t('k1', 'a')] = t('v1', 1)
r = {t('k', 1): t('v', 2), t('k2', 3): t('v2', 4)}
f = t('func', lambda *a, **k: (a, k))(t('a1', 1), t('a2', 2), kw=t('kw', 3))
a = b = t('chain', 7)
t('tgt', l)[t('idx', 0)], t('tgt2', d)[t('idx2', 'z')] = t('v1', 'p'), t('v2', 'q')
print log
del log[:]
c = t('a', 1) < t('b', 2) < t('c', 3)
s = t('s', 'abc')[t('i', 0):t('j', 2)]
print c, s, log
counter = [0]
def nxt():
    counter[0] += 1
    return counter[0]
arr = [0] * 5
arr[nxt()] += 10
print arr, counter
i = 0
ll = [10, 20]
i += ll[i] if i else 1
print i
s = 'ab'
s += 'cd'
s *= 2
print s
tup = (1,)
tup += (2,)
print tup
