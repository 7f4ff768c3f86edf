# -*- coding: latin-1 -*-
# PEP 263: a latin-1 source; str literals are re-encoded as CPython does
s = 'été'
u = u'été ÿ'
print repr(s), len(s), repr(u), len(u)
# comment with à accents ç
print [ord(c) for c in s], [ord(c) for c in u]
r = r'é\n'
print repr(r), repr(ur'é\u00e9')
