"""Module docstring: must become __doc__."""
# module-level names, __doc__, __file__, __name__, __builtins__
import os, sys
print __doc__
print __name__, os.path.basename(__file__)
print type(__builtins__).__name__ in ('module', 'dict')
print sorted(n for n in dir() if not n.startswith('_'))
def f():
    return __name__
print f(), f.__module__, f.func_globals is globals()
print sys.modules['__main__'].__dict__ is globals()
class C(object):
    pass
print C.__module__, repr(C)[:len("<class '__main__.C'")]
x = 1
globals()['y'] = 2
print y, vars()['x']
print 'locals is globals at module level:', locals() is globals()
