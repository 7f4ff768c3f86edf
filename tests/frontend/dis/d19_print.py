print
print 1
print 1, 2,
print >> f, 1, 2
print >> f
print >> f, 1,
print "a" "b", u"c"
