# CRLF line endings, tab indentation, continuation lines, semicolons
def f(x):
	if x:
		return 'tab-indented'
	else:
	        return 'tab then spaces'
print f(1), f(0)
total = 1 + \
    2 + \
    3
print total; print 'semi'; x = 1;
s = '''multi
line'''
print repr(s)
if x:  # comment
    

  # odd comment indentation
    print 'after blank lines'
lst = [1,
# comment inside brackets
       2,

    3]
print lst
print 'form feed at line start'
class C: x = 1; y = 2
print C.x + C.y
print 'no newline at end of file'