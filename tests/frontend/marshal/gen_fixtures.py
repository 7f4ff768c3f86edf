# gen_fixtures.py -- regenerates the CPython 2.7 marshal fixtures of this
# directory (run with CPython 2.7 from the repository root:
#   python2.7 tests/frontend/marshal/gen_fixtures.py [OUTDIR [MODULE.py ...]]
# ).  Without arguments it writes the committed fixtures here: a list of
# objects of every marshallable type in versions 0, 1 and 2, and the code
# objects of a few standard-library modules (compile() of their source,
# filename as given) in version 2 and, for one of them, versions 0 and 1.
# With OUTDIR and module paths (the 45-marshal tier) it writes one
# version-2 file per module into OUTDIR.  NAME.marshal is CPython's dump;
# NAME.marshal.out, when present, is what CPython itself dumps after
# loading NAME.marshal (see emit()): the expected round-trip output.
import marshal
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

def objects():
    big = 10 ** 50
    return [
        None, True, False, Ellipsis, StopIteration,
        0, 1, -1, 255, 2 ** 31 - 1, -2 ** 31, 2 ** 31, -2 ** 31 - 1,
        2 ** 62, -2 ** 63, sys.maxint,
        0L, 1L, -1L, 2L ** 15, 2L ** 30, 2L ** 64, -(2L ** 100), big, -big,
        0.0, -0.0, 1.5, 0.1, 1e300, 1e-300, 5e-324, 1e16, 123.0,
        float('inf'), -float('inf'), float('nan'),
        1j, 1 + 2j, -0j, 1.5e300 - 2.5j,
        '', 'a', 'abc', 'x' * 300, '\x00\xff\n', 'hello world',
        u'', u'a', u'abc', u'\xe9\u20ac\U0001f600', u'\ud800',
        (), (1,), (1, 'a', (2, 3)), [], [1, [2, [3]]],
        {}, {'a': 1, 'b': [2], 3: 'c', (4, 5): None},
        set(), set([1, 2, 3]), set(['x', 'y', 'z', 'abc']),
        frozenset(), frozenset(['a', 'b']), frozenset([1, 9, 17, 25]),
        intern('hello'), (intern('hi'), intern('hi'), 'hi' + ''),
    ]

def write(path, data):
    f = open(path, 'wb')
    f.write(data)
    f.close()

def emit(path, obj, version):
    # PATH gets CPython's dump of OBJ.  Loading it and dumping again must
    # give what CPython gives for the same: usually the same bytes, but a
    # load re-inserts dict/set keys in dump order, which can reorder
    # colliding keys; then CPython's own re-dump goes to PATH + '.out',
    # the expected output of the round trip.
    data = marshal.dumps(obj, version)
    write(path, data)
    again = marshal.dumps(marshal.loads(data), version)
    if again != data:
        write(path + '.out', again)
    elif os.path.exists(path + '.out'):
        os.remove(path + '.out')

def code_of(path, name):
    src = open(path).read()
    return compile(src, name, 'exec')

FIXTURE_MODULES = ['string.py', 'textwrap.py', 'collections.py',
                   'posixpath.py', 'functools.py', 'sre_parse.py']

def main():
    if len(sys.argv) > 1:
        out = sys.argv[1]
        for path in sys.argv[2:]:
            try:
                co = code_of(path, path)
            except SyntaxError:
                continue
            # parent.module, so that package __init__ files do not collide
            base = '.'.join(path[:-3].split(os.sep)[-2:])
            emit(os.path.join(out, base + '.v2.marshal'), co, 2)
        return
    for v in (0, 1, 2):
        emit(os.path.join(HERE, 'objects.v%d.marshal' % v), objects(), v)
    lib = os.path.dirname(os.__file__)
    for m in FIXTURE_MODULES:
        co = code_of(os.path.join(lib, m), m)
        emit(os.path.join(HERE, m[:-3] + '.v2.marshal'), co, 2)
    co = code_of(os.path.join(lib, 'textwrap.py'), 'textwrap.py')
    for v in (0, 1):
        emit(os.path.join(HERE, 'textwrap.v%d.marshal' % v), co, v)

main()
