# string literal forms and escapes
print 'single', "double", '''triple
single''', """triple
double"""
print 'esc: \a\b\f\n\r\t\v \\ \' \" \x41 \101 \0 \7 \777 \q'.__repr__()
print r'raw \n \t \\', R"RAW \x41", repr(r'\''), repr(r"a\"b")
print repr(u'unicode \u1234 \U0001F600 \xe9 \n'), repr(ur'raw \u1234 \n')
print repr(b'bytes \x00'), repr(br'\x00'), repr(BR'x'), repr(Ur'y'), repr(U'z')
print 'implicit' " concat" '''enation'''
print u'mixed ' 'concat', type(u'a' 'b').__name__, type('a' u'b').__name__
print 'line \
continued'
s = "tab\there"
print len(s), s.split('\t')
print repr('\N{LATIN SMALL LETTER A}'), len('\N')
print "%s-%d-%05.2f-%x-%o-%r-%%" % ("s", 42, 3.14159, 255, 8, 'r')
print "%(a)s %(b)s" % {'a': 1, 'b': 2}
print 'abc'[1], 'abc'[-1], 'abcdef'[1:4], 'abcdef'[::2], 'abcdef'[::-1]
print 'a' * 3, 3 * 'b', 'x' + 'y', 'a' in 'cat', 'z' not in 'cat'
