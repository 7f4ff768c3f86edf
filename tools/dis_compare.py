"""dis_compare.py -- compare `pypy-stm --dis FILE` with CPython 2.7's dis.

Run with CPython 2.7:

    python2.7 tools/dis_compare.py [--pypy PATH] [--gen] [-v] FILE_OR_DIR...

For every .py file (directories are walked), CPython compiles the source
with compile(src, FILE, 'exec') and prints, for the module's code object
and then every code object in its co_consts (depth first, in order),
"Disassembly of NAME:", the dis.dis listing and an empty line -- the
format of `pypy-stm --dis`.  Code-object constants print with their
address, which is normalised to 0x... on both sides before comparing.

  --gen     write FILE.dis (CPython's output, normalised) next to each
            FILE instead of comparing: the expected outputs of
            tests/tiers/40-dis.sh
  -v        print a unified diff for every mismatch (first 40 lines)
  --list    print the names of files that differ

Files CPython rejects (SyntaxError) are skipped.  Ends with a summary line
"DIS identical: N of M files (P%)".
"""
import difflib
import dis
import os
import re
import subprocess
import sys
from cStringIO import StringIO

ADDR = re.compile(r'<code object (\S+) at 0x[0-9a-fA-F]+')


def normalise(text):
    return ADDR.sub(r'<code object \1 at 0x...', text)


def cpython_dis(path):
    with open(path, 'rb') as f:
        src = f.read()
    code = compile(src, path, 'exec')
    out = StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        # depth first, in co_consts order
        def walk(co):
            print 'Disassembly of %s:' % co.co_name
            dis.dis(co)
            print
            for k in co.co_consts:
                if hasattr(k, 'co_code'):
                    walk(k)
        walk(code)
    finally:
        sys.stdout = saved
    return normalise(out.getvalue())


def ours(pypy, path):
    p = subprocess.Popen([pypy, '--dis', path], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    out, err = p.communicate()
    return p.returncode, normalise(out), err


def files_of(args):
    for a in args:
        if os.path.isdir(a):
            for root, dirs, names in os.walk(a):
                dirs.sort()
                for n in sorted(names):
                    if n.endswith('.py'):
                        yield os.path.join(root, n)
        else:
            yield a


def main(argv):
    pypy = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        '..', 'pypy-stm')
    gen = verbose = listing = False
    paths = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == '--pypy':
            pypy = argv[i + 1]
            i += 1
        elif a == '--gen':
            gen = True
        elif a == '-v':
            verbose = True
        elif a == '--list':
            listing = True
        else:
            paths.append(a)
        i += 1
    same = total = 0
    for path in files_of(paths):
        try:
            expected = cpython_dis(path)
        except (SyntaxError, TypeError, ValueError):
            continue
        if gen:
            with open(path[:-3] + '.dis', 'wb') as f:
                f.write(expected)
            continue
        total += 1
        rc, got, err = ours(pypy, path)
        if rc == 0 and got == expected:
            same += 1
            continue
        if listing:
            print 'DIFF', path, '(exit %d)' % rc
        if verbose:
            if rc != 0:
                print err.strip()[:500]
            d = difflib.unified_diff(expected.splitlines(), got.splitlines(),
                                     'cpython', 'pypy-stm', lineterm='')
            for n, line in enumerate(d):
                if n >= 40:
                    print '...'
                    break
                print line
    if not gen:
        pct = 100.0 * same / total if total else 0.0
        print 'DIS identical: %d of %d files (%.1f%%)' % (same, total, pct)


if __name__ == '__main__':
    main(sys.argv[1:])
