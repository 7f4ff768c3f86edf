# check_marshal.py -- run by CPython 2.7 from tests/tiers/41-frontend-accept.sh.
#
#   python2.7 check_marshal.py STDLIB OUTDIR LISTFILE
#
# LISTFILE names (relative to STDLIB) the files that pypy-stm accepted; for
# each, OUTDIR/RELPATH.m holds what `pypy-stm --compile` wrote.  Every such
# file must load with CPython's marshal as a code object: a file that does not
# is a failure ("BADLOAD").  Beyond that, the code objects are compared field by
# field, recursively through co_consts, with CPython's own compile() of the
# same source; differences are only reported (the bytecode need not be
# identical, see docs/frontend-testing.md), as counts per field.
# Last line: "marshal: N loaded, M failed; K of N with identical fields".
# (Files that CPython's compile() of a string refuses, such as sources with
# NUL bytes that file mode accepts, are loaded but not compared.)
import marshal
import os
import sys
import types
import warnings

FIELDS = ('co_argcount', 'co_nlocals', 'co_stacksize', 'co_flags', 'co_code',
          'co_names', 'co_varnames', 'co_freevars', 'co_cellvars',
          'co_filename', 'co_name', 'co_firstlineno', 'co_lnotab', 'co_consts')


def const_key(c):
    # Code constants compare recursively; everything else by type and repr
    # (repr tells 0.0 from -0.0 and 1 from 1L and True).
    if isinstance(c, types.CodeType):
        return '<code %s>' % c.co_name
    if isinstance(c, tuple):
        return tuple(const_key(x) for x in c)
    return (type(c).__name__, repr(c))


def diff(ours, ref, path, out):
    for f in FIELDS:
        a = getattr(ours, f)
        b = getattr(ref, f)
        if f == 'co_consts':
            a = const_key(a)
            b = const_key(b)
        if a != b:
            out.append((f, path))
    subs_a = [c for c in ours.co_consts if isinstance(c, types.CodeType)]
    subs_b = [c for c in ref.co_consts if isinstance(c, types.CodeType)]
    if len(subs_a) != len(subs_b):
        out.append(('nested code count', path))
        return
    for a, b in zip(subs_a, subs_b):
        diff(a, b, path + '/' + b.co_name, out)


def main(argv):
    root, outdir, listfile = argv
    sys.setrecursionlimit(10000)
    loaded = failed = same = noref = 0
    per_field = {}
    examples = {}
    with open(listfile) as f:
        rels = [l.strip() for l in f if l.strip()]
    for rel in rels:
        try:
            with open(os.path.join(outdir, rel + '.m'), 'rb') as f:
                data = f.read()
            code = marshal.loads(data)
            if type(code) is not types.CodeType:
                raise TypeError('top-level object is %s, not code'
                                % type(code).__name__)
        except Exception as e:
            failed += 1
            print 'BADLOAD %s: %s: %s' % (rel, type(e).__name__, e)
            continue
        loaded += 1
        path = os.path.join(root, rel)
        with open(path, 'rb') as f:
            src = f.read()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                ref = compile(src, path, 'exec', 0, True)
        except Exception as e:
            # compile() of a string refuses some sources that file mode
            # accepts (NUL bytes): nothing to compare with.
            noref += 1
            continue
        d = []
        diff(code, ref, rel, d)
        if not d:
            same += 1
        for field, where in d:
            per_field[field] = per_field.get(field, 0) + 1
            examples.setdefault(field, where)
    for field in sorted(per_field):
        print '  field %-18s differs in %5d code objects (first: %s)' % (
            field, per_field[field], examples[field])
    print 'marshal: %d loaded, %d failed; %d of %d with identical fields%s' % (
        loaded, failed, same, loaded - noref,
        ' (%d not comparable: compile() refuses the source)' % noref
        if noref else '')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
