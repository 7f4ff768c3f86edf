#!/usr/bin/env python
# vim: set fileencoding=utf-8 :
s = 'naïve €'
u = u'naïve € 😀'
print repr(s), len(s)
print repr(u), len(u)
print repr(u'\u20ac' == u'€'), repr(ur'€\u20ac')
d = {u'clé': 1}
print d.keys()
