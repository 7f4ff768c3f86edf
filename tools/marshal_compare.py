#!/usr/bin/env python2.7
"""Byte-for-byte comparison of compiled standard library modules.

    python2.7 tools/marshal_compare.py PYPY STDLIB [-j N] [-v] [-o DIR]

For every .py file under STDLIB (site-packages excluded), compares
`PYPY --compile FILE OUT` (marshal.dumps(code, 2) of pypy-stm's compile)
with CPython's marshal.dumps(compile(source, FILE, 'exec', 0, True), 2).
Prints the fraction of identical files and, for the others, the cause of
the first difference:
  - "field <name>": the code objects themselves differ (first differing
    field, searched recursively through co_consts: bytecode, lnotab ...);
  - "marshal <ours>/<ref> <kind>": equal code objects, different bytes:
    interned ('t'/'R') versus plain ('s') strings and the like.
Files that either compiler refuses are counted apart.
"""
import marshal
import os
import resource
import subprocess
import sys
import tempfile
import types
from collections import Counter
from multiprocessing import Pool

MEM_LIMIT = 2 << 30

FIELDS = ('co_argcount', 'co_nlocals', 'co_stacksize', 'co_flags', 'co_code',
          'co_names', 'co_varnames', 'co_freevars', 'co_cellvars',
          'co_filename', 'co_name', 'co_firstlineno', 'co_lnotab',
          'co_consts')


def const_key(c):
    if isinstance(c, types.CodeType):
        return '<code %s>' % c.co_name
    if isinstance(c, tuple):
        return tuple(const_key(x) for x in c)
    if isinstance(c, frozenset):
        return ('frozenset', sorted(repr(const_key(x)) for x in c))
    return (type(c).__name__, repr(c))


def first_field_diff(a, b):
    for f in FIELDS:
        x, y = getattr(a, f), getattr(b, f)
        if f == 'co_consts':
            x, y = const_key(x), const_key(y)
        if x != y:
            return f
    sa = [c for c in a.co_consts if isinstance(c, types.CodeType)]
    sb = [c for c in b.co_consts if isinstance(c, types.CodeType)]
    for x, y in zip(sa, sb):
        d = first_field_diff(x, y)
        if d:
            return d
    return None


def tokens(data):
    """The marshal stream as (type code, payload) pairs, version 2 subset
    used by code objects."""
    out = []
    pos = [0]

    def rd(n):
        s = data[pos[0]:pos[0] + n]
        pos[0] += n
        return s

    def i32():
        b = rd(4)
        return ord(b[0]) | ord(b[1]) << 8 | ord(b[2]) << 16 | \
            (ord(b[3]) << 24 if ord(b[3]) < 128 else (ord(b[3]) - 256) << 24)

    def obj():
        t = rd(1)
        if t in '0NFTS.':
            out.append((t, ''))
        elif t == 'i':
            out.append((t, i32()))
        elif t == 'I':
            out.append((t, rd(8)))
        elif t == 'l':
            n = i32()
            out.append((t, rd(2 * abs(n))))
        elif t == 'f':
            out.append((t, rd(ord(rd(1)))))
        elif t == 'g':
            out.append((t, rd(8)))
        elif t == 'x':
            out.append((t, rd(ord(rd(1))) + '|' + rd(ord(rd(1)))))
        elif t == 'y':
            out.append((t, rd(16)))
        elif t in 'stu':
            out.append((t, rd(i32())))
        elif t == 'R':
            out.append((t, i32()))
        elif t in '()[{<>':
            if t == '{':
                raise ValueError('dict')
            n = i32()
            if n < 0 or n > len(data):
                raise ValueError('bad size %d' % n)
            out.append((t, n))
            for _ in xrange(n):
                obj()
        elif t == 'c':
            out.append((t, rd(16)))
            for _ in range(8):
                obj()
            out.append(('line', rd(4)))
            obj()
        else:
            raise ValueError('type %r' % t)
    obj()
    return out


def marshal_cause(ours, ref):
    try:
        ta, tb = tokens(ours), tokens(ref)
    except Exception as e:
        return 'marshal (unparsed: %s)' % e
    for x, y in zip(ta, tb):
        if x != y:
            def show(t):
                if t[0] in 'stu':
                    return repr(t[1][:20])
                return ''
            kind = 'str' if x[0] in 'stR' and y[0] in 'stR' else 'other'
            lenx = len(x[1]) if x[0] in 'st' else None
            leny = len(y[1]) if y[0] in 'st' else None
            n = lenx if lenx is not None else leny
            what = ('1-char' if n == 1 else 'empty' if n == 0 else
                    'longer') if n is not None else ''
            return 'marshal %s/%s %s %s %s' % (x[0], y[0], kind, what,
                                             show(x if x[0] in 'st' else y))
    return 'marshal length'


def limit_memory():
    # a runaway compile or load here must not take the machine down (soft
    # limit only: pypy-stm, which reserves a large heap, raises it again)
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (MEM_LIMIT, hard))


def unlimit_memory():
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def check(args):
    pypy, path = args
    try:
        with open(path, 'rb') as f:
            src = f.read()
        ref = marshal.dumps(compile(src, path, 'exec', 0, True), 2)
    except (Exception, MemoryError) as e:
        return path, 'cpython-refuses', type(e).__name__
    fd, out = tempfile.mkstemp(suffix='.m')
    os.close(fd)
    try:
        p = subprocess.Popen(['timeout', '120', pypy, '--compile', path,
                              out], preexec_fn=unlimit_memory,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        err = p.communicate()[1]
        if p.returncode != 0:
            return path, 'pypy-refuses', err.strip().splitlines()[-1:]
        with open(out, 'rb') as f:
            ours = f.read()
    finally:
        os.unlink(out)
    if ours == ref:
        return path, 'identical', None
    try:
        co = marshal.loads(ours)
        d = first_field_diff(co, marshal.loads(ref))
    except (Exception, MemoryError) as e:
        return path, 'differs', 'unloadable: %s' % type(e).__name__
    if d:
        return path, 'differs', 'field ' + d
    return path, 'differs', marshal_cause(ours, ref)


def main():
    argv = sys.argv[1:]
    jobs, verbose, detail = 2, False, None
    while argv and argv[-1].startswith('-') or '-j' in argv or '-v' in argv:
        if '-j' in argv:
            i = argv.index('-j')
            jobs = int(argv[i + 1])
            del argv[i:i + 2]
        elif '-v' in argv:
            argv.remove('-v')
            verbose = True
        else:
            break
    pypy, stdlib = os.path.abspath(argv[0]), argv[1]
    files = []
    for root, dirs, names in os.walk(stdlib):
        dirs[:] = sorted(d for d in dirs if d != 'site-packages')
        files += [os.path.join(root, n) for n in sorted(names)
                  if n.endswith('.py')]
    pool = Pool(jobs, initializer=limit_memory)
    results = []
    for r in pool.imap(check, [(pypy, f) for f in files], chunksize=4):
        results.append(r)
        if verbose:
            print '%s %s' % (r[1], os.path.relpath(r[0], stdlib))
            sys.stdout.flush()
    pool.close()
    status = Counter(r[1] for r in results)
    causes = Counter()
    for path, st, why in results:
        if st == 'differs':
            causes[why if why.startswith('field') else
                   ' '.join(why.split(' ')[:4])] += 1
            if verbose:
                print 'DIFF %s: %s' % (os.path.relpath(path, stdlib), why)
        elif st == 'pypy-refuses' and verbose:
            print 'REFUSED %s: %s' % (os.path.relpath(path, stdlib), why)
    compared = status['identical'] + status['differs']
    print 'files: %d; compiled by both: %d; pypy-stm refuses: %d; ' \
        'CPython refuses: %d' % (len(files), compared,
                                 status['pypy-refuses'],
                                 status['cpython-refuses'])
    for cause, n in causes.most_common():
        print '  %5d  %s' % (n, cause)
    print 'marshal identical: %d of %d (%.1f%%)' % (
        status['identical'], compared,
        100.0 * status['identical'] / max(compared, 1))


if __name__ == '__main__':
    main()
