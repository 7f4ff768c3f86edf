def gen(items):
    try:
        for i in items:
            try:
                yield i
            except GeneratorExit:
                raise
            finally:
                cleanup(i)
    finally:
        done()
def ret_in_with(m):
    with m as v:
        for x in v:
            if x:
                return x
    return None
