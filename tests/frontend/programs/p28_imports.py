# import forms
import os
import os.path
import os.path as osp
from os import path as p, sep
from os.path import (join,
                     basename)
import string, re as regex
from collections import *
print os.path is osp, p is osp, sep == os.sep, join('a', 'b'), basename('/x/y')
print string.ascii_lowercase[:3], regex.sub('a', 'b', 'aaa')
print OrderedDict.__name__, namedtuple('P', 'x y')(1, 2)
def local_import():
    import math
    from math import pi as PI, sqrt
    return math.floor(PI), sqrt(16)
print local_import()
m = __import__('json')
print m.dumps([1, 'a'])
xml = __import__('xml.dom', fromlist=['minidom'])
print xml.__name__
import xml.dom.minidom
print xml.dom.minidom.__name__
try:
    import no_such_module_here
except ImportError as e:
    print 'ImportError', e
try:
    from os import no_such_name
except ImportError as e:
    print 'ImportError', e
class C(object):
    import math as m2
    from math import e
print C.m2.__name__, round(C.e, 3)
