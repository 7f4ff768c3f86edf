# print statement: redirection, softspace, trailing commas, tuples
import sys
class Out(object):
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
o = Out()
print >> o, 'to object', 1
print >> o, 'no newline',
print >> o
print >> sys.stdout, 'to stdout'
print >>sys.stdout
print >> None, 'to None means stdout'
print o.parts
print 'a',; print 'b'
print 'x\t',
print 'y'
print 'ends with newline\n',
print 'next'
print (1, 2), (1,), ()
print(1)
print('a', 'b')
print 1, ; print
for i in range(3):
    print i,
print
sys.stdout.write('direct\n')
print '%d%%' % 50, '%5s|%-5s|' % ('r', 'l'), '%+d %e %g' % (5, 12345.678, 0.0001)
