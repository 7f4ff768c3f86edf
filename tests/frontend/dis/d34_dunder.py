class Foo:
    __a = 1
    def __init__(self):
        self.__b = Foo.__a
        __c = 3
        import __d
    def __e__(self):
        return self.__f__
class _:
    __x = 1
class __Bar:
    __y = 2
