# smoke: print statement forms
print "hello"
print "a", 1, 2.5, None, True
print
print "trailing",
print "comma"
