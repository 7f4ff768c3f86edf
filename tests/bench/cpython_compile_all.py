# cpython_compile_all.py -- the CPython side of make bench-compile.
#
#   python2.7 cpython_compile_all.py [REPEAT] < list-of-paths
#
# Reads every file first, then times compile(source, path, 'exec') of each
# in this one process (no .pyc written: what compileall does minus the
# writing), fastest of REPEAT rounds.  Prints
# "cpython: FILES files, REJECTED rejected, LINES lines, SECONDS s".
import sys
import time
import warnings


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    sources = []
    for line in sys.stdin:
        path = line.strip()
        if path:
            with open(path, 'rb') as f:
                sources.append((path, f.read()))
    lines = sum(src.count('\n') for _, src in sources)
    best = None
    rejected = 0
    warnings.simplefilter('ignore')
    for _ in range(repeat):
        rejected = 0
        t0 = time.time()
        for path, src in sources:
            try:
                compile(src, path, 'exec', 0, True)
            except Exception:
                rejected += 1
        t = time.time() - t0
        if best is None or t < best:
            best = t
    print 'cpython: %d files, %d rejected, %d lines, %.3f s' % (
        len(sources), rejected, lines, best)


main()
