@d
class C:
    pass
