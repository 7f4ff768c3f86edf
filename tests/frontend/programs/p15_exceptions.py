# try/except/else/finally, raise forms, exception attributes, nesting
def trial(kind):
    try:
        if kind == 1:
            raise ValueError('v')
        elif kind == 2:
            raise KeyError, 'k'
        elif kind == 3:
            raise TypeError, TypeError('t')
        elif kind == 4:
            {}['missing']
        elif kind == 5:
            raise IndexError
        return 'no error'
    except (ValueError, TypeError) as e:
        return 'VT %s %r' % (type(e).__name__, e.args)
    except KeyError, e:
        return 'K %r' % (e.args,)
    except:
        return 'bare except'
    finally:
        print 'finally for', kind
for k in range(6):
    print trial(k)
def else_clause(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print 'div by zero'
    else:
        print 'else', r
    finally:
        print 'finally'
else_clause(2)
else_clause(0)
def finally_return():
    try:
        return 'try'
    finally:
        print 'finally before return'
print finally_return()
def finally_overrides():
    try:
        raise ValueError
    finally:
        return 'swallowed'
print finally_overrides()
def reraise():
    try:
        try:
            raise ValueError('inner')
        except ValueError:
            print 'handling'
            raise
    except ValueError as e:
        print 'reraised', e
reraise()
def loop_finally():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print 'lf', i
loop_finally()
class MyError(Exception):
    def __init__(self, code):
        Exception.__init__(self, 'code %d' % code)
        self.code = code
try:
    raise MyError(7)
except Exception as e:
    print type(e).__name__, e.code, str(e)
import sys
def three_arg():
    try:
        raise ValueError('first')
    except ValueError:
        tb = sys.exc_info()[2]
    try:
        raise TypeError, TypeError('second'), tb
    except TypeError as e:
        print 'three-arg raise', e
three_arg()
try:
    try:
        raise KeyError('a')
    finally:
        print 'inner finally'
except KeyError as e:
    print 'outer caught', e
try:
    assert 1 == 2, 'assert message'
except AssertionError as e:
    print 'AssertionError', e
try:
    assert False
except AssertionError as e:
    print 'AssertionError empty', e.args
(a, b), c = (1, 2), 3
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print 'unpack', e
print sys.exc_info()[0] is not None
