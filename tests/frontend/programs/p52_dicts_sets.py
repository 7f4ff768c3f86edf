# dict and set operations, views, default dicts, nested updates
d = dict(a=1, b=2)
d.update({'c': 3}, d=4)
d.setdefault('e', []).append(5)
print sorted(d.items()), d.get('z'), d.get('z', 0), 'a' in d, d.has_key('b')
print sorted(d.keys()), sorted(d.viewkeys() & {'a', 'q'}), d.pop('a'), len(d)
del d['b']
print sorted(d), d.popitem() in [('c', 3), ('d', 4), ('e', [5])]
s = set('abracadabra')
t = frozenset('alacazam')
print sorted(s), sorted(s - t), sorted(s | t), sorted(s & t), sorted(s ^ t)
s.add('z'); s.discard('a'); s -= {'b'}
print sorted(s), {1, 2} <= {1, 2, 3}, {1} < {1}, t.isdisjoint('xyz')
from collections import defaultdict, Counter, OrderedDict
dd = defaultdict(list)
for k, v in [('x', 1), ('y', 2), ('x', 3)]:
    dd[k].append(v)
print sorted(dd.items()), Counter('hello world').most_common(2)
od = OrderedDict()
od['z'] = 1; od['a'] = 2; od['m'] = 3
print od.keys(), od.items()[0]
inv = {v: k for k, v in {'one': 1, 'two': 2}.items()}
print sorted(inv.items()), dict.fromkeys('ab', 0) == {'a': 0, 'b': 0}
nested = {'a': {'b': {'c': 1}}}
nested['a']['b']['d'] = 2
nested['a'].setdefault('e', {})['f'] = 3
print sorted(nested['a']['b'].items()), nested['a']['e']
