# metaclasses: __metaclass__ in a class body and at module level
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns['created_by'] = 'Meta'
        ns['fields'] = sorted(k for k in ns if not k.startswith('__'))
        return type.__new__(mcls, name, bases, ns)
    def __call__(cls, *a):
        print 'instantiating', cls.__name__, a
        return type.__call__(cls, *a)
class Model(object):
    __metaclass__ = Meta
    x = 1
    def method(self):
        return 'm'
print Model.created_by, Model.fields, type(Model).__name__
m = Model()
print m.method()
class Sub(Model):
    y = 2
print Sub.fields, type(Sub).__name__
def func_meta(name, bases, ns):
    ns['via_function'] = True
    return type(name, (object,), ns)
class F:
    __metaclass__ = func_meta
print F.via_function, type(F).__name__
__metaclass__ = type
class NowNew:
    pass
print type(NowNew).__name__, NowNew.__mro__[-1].__name__
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        Registry.classes.append(name)
        super(Registry, cls).__init__(name, bases, ns)
class Base(object):
    __metaclass__ = Registry
class D1(Base): pass
class D2(Base): pass
print Registry.classes
