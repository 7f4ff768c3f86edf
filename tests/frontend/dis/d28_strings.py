a = 'plain'
b = "double"
c = u'unicode \u1234'
d = r'raw\n'
e = '''triple
quoted'''
f = 'esc\x00\t\n'
g = 'ab' 'cd'
h = b'bytes'
i = 'x' + 'y'
