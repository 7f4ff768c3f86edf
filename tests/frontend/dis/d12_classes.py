class A:
    pass
class B(A):
    """Doc of B."""
    x = 1
    def m(self):
        return self.x
    def __private(self):
        return self.__secret
class C(A, B):
    __slots__ = ('a',)
    @staticmethod
    def s():
        return C
@deco
class D(object):
    def method(self):
        return __class_private
