from __future__ import unicode_literals
# unicode_literals: plain literals are unicode, b'' stays str
s = 'text'
b = b'bytes'
r = r'raw\n'
print(type(s).__name__, type(b).__name__, type(r).__name__, repr(r))
print(repr('\u00e9'), repr(b'\\u00e9'), len('\U0001F600'))
def f(x='default'):
    return type(x).__name__
print(f())
class C(object):
    name = 'c'
print(type(C.name).__name__, type(C.__name__).__name__)
print(repr('a' 'b'), repr(b'a' b'b'))
print('%s-%s' % ('x', 1))
