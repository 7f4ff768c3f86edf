f = lambda: print 1
