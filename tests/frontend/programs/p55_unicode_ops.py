# unicode values: escapes, encode/decode, mixing with str
u = u'caf\xe9 \u20ac \U0001d11e'
print repr(u), len(u), repr(u.encode('utf-8')), repr(u.upper())
print repr(u'\x41\u0042\U00000043'), u'abc' == 'abc'
print repr('caf\xc3\xa9'.decode('utf-8')), repr(u'x' + 'y'), repr('%s' % u'u')
print repr(u'%d %s %r' % (1, u'\xe9', u'\xe9')), repr(unichr(0x263a)), ord(u'\u263a')
print repr(u'a\tb'.expandtabs(4)), u'\u00e9'.isalpha(), repr(u'  x '.strip())
print repr(u'\ud800'), repr(ur'\u0041\x41')
# (no surrogate pair literal: CPython's marshal joins the pair when it
# writes UTF-8, so even CPython's own code objects change in a round trip)
print [repr(c) for c in u'\x00\x7f\x80\xff']
print repr(u'%s' % 'ascii'), repr(str(u'abc')), repr(u'\\u1234')
print repr(u'''multi
line \u00e9'''), repr(U"upper prefix")
