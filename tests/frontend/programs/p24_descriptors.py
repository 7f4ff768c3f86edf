# properties with setters/deleters, descriptors, staticmethod, classmethod
class Temp(object):
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        print 'setting', v
        self._c = v
    @celsius.deleter
    def celsius(self):
        print 'deleting'
        self._c = None
    fahrenheit = property(lambda self: self._c * 9 / 5 + 32)
t = Temp()
t.celsius = 100
print t.celsius, t.fahrenheit
del t.celsius
print t.celsius
class Typed(object):
    def __init__(self, name, kind):
        self.name, self.kind = name, kind
    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, 'unset')
    def __set__(self, obj, v):
        if not isinstance(v, self.kind):
            raise TypeError('%s must be %s' % (self.name, self.kind.__name__))
        obj.__dict__[self.name] = v
class Rec(object):
    n = Typed('n', int)
    s = Typed('s', str)
r = Rec()
print r.n
r.n = 5
r.s = 'x'
try:
    r.n = 'bad'
except TypeError as e:
    print e
print r.n, r.s, type(Rec.n).__name__
class K(object):
    count = 0
    @classmethod
    def make(cls):
        cls.count += 1
        return cls()
    @staticmethod
    def helper(a, b=2):
        return a * b
    def plain(self):
        return 'plain'
class L(K):
    pass
K.make(); L.make(); L.make()
print K.count, L.count, K.helper(3), K().helper(4, 5), K.plain(K())
print type(K.__dict__['make']).__name__, type(K.__dict__['helper']).__name__
