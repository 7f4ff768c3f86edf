# classes: new-style and classic, inheritance, super, class attributes
class Old:
    kind = 'old'
    def __init__(self, v):
        self.v = v
    def show(self):
        return '%s:%s' % (self.kind, self.v)
class New(object):
    kind = 'new'
    count = 0
    def __init__(self, v):
        New.count += 1
        self.v = v
    def show(self):
        return '%s:%s' % (self.kind, self.v)
class Child(New):
    kind = 'child'
    def __init__(self, v, w):
        super(Child, self).__init__(v)
        self.w = w
    def show(self):
        return New.show(self) + '+' + str(self.w)
print Old(1).show(), New(2).show(), Child(3, 4).show(), New.count
print type(Old).__name__, type(New).__name__, Child.__mro__[1].__name__
print isinstance(Child(1, 2), New), issubclass(Child, object), Child.__bases__
class Multi(Child, Old):
    pass
print [k.__name__ for k in Multi.__mro__]
class WithDoc(object):
    """class doc"""
    x = 1
    y = x + 1
    def m(self):
        "method doc"
print WithDoc.__doc__, WithDoc.m.__doc__, WithDoc.y, WithDoc.__module__
class Empty: pass
class Empty2(): pass
e = Empty()
e.attr = 5
print e.attr, Empty2.__name__, hasattr(e, 'nope')
class Slots(object):
    __slots__ = ('a', 'b')
s = Slots()
s.a = 1
try:
    s.c = 2
except AttributeError as ex:
    print 'AttributeError', ex
class Private(object):
    def __init__(self):
        self.__secret = 42
        self._half = 1
    def get(self):
        return self.__secret
p = Private()
print p.get(), p._Private__secret, sorted(vars(p))
def method_outside(self):
    return 'outside', self.v
New.extra = method_outside
print New(9).extra()
class Outer(object):
    class Inner(object):
        name = 'inner'
    def make(self):
        return self.Inner()
print Outer().make().name, Outer.Inner.__name__
