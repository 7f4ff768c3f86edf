# uncaught exception: exit status 1, traceback on stderr (stdout compared)
import sys
def level3(x):
    return {'a': 1}[x]
def level2(x):
    return level3(x) + 1
def level1(x):
    try:
        return level2(x)
    finally:
        print 'cleaning up'
print 'before'
sys.stdout.flush()
print level1('a')
print level1('b')
print 'not reached'
