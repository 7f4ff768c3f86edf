# a UTF-8 source with a byte order mark and no declaration
s = 'é'
u = u'é€'
print repr(s), len(s), repr(u), len(u)
