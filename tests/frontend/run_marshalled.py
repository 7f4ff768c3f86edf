# run_marshalled.py -- run, in CPython 2.7, a module code object compiled by
# pypy-stm, the way `python SCRIPT ARGS...` would run the source.
#
#   python2.7 run_marshalled.py CODEFILE SCRIPT [ARGS...]
#
# CODEFILE holds marshal.dumps(code) as written by `pypy-stm --compile SCRIPT
# CODEFILE`.  The code runs in a fresh module registered as __main__, with
# __file__ = SCRIPT, sys.argv = [SCRIPT, ARGS...] and sys.path[0] = the
# script's directory, so that its stdout and exit status can be compared
# with CPython running SCRIPT directly (tests/tiers/42-frontend-roundtrip.sh).
# An uncaught exception propagates out of this file: CPython prints the
# traceback (with one extra frame, ours, at the top) and exits 1, as it would
# for the script itself.  If CODEFILE is unusable: exit 3 with a message
# starting "run_marshalled: " on stderr (the caller tells that apart from a
# script's own exit 3 by the message).
import imp
import marshal
import os
import sys
import types


def load(codefile):
    try:
        with open(codefile, 'rb') as f:
            data = f.read()
        code = marshal.loads(data)
    except Exception as e:
        sys.stderr.write('run_marshalled: cannot load %s: %s: %s\n'
                         % (codefile, type(e).__name__, e))
        sys.exit(3)
    if type(code) is not types.CodeType:
        sys.stderr.write('run_marshalled: %s holds a %s, not a code object\n'
                         % (codefile, type(code).__name__))
        sys.exit(3)
    return code


def main():
    if len(sys.argv) < 3:
        sys.stderr.write('usage: run_marshalled.py CODEFILE SCRIPT [ARGS...]\n')
        sys.exit(3)
    code = load(sys.argv[1])
    script = sys.argv[2]
    # Keep this module alive once it is no longer __main__: a module that
    # dies clears its globals, and main() still runs in them.
    sys._run_marshalled_runner = sys.modules['__main__']
    mod = imp.new_module('__main__')
    mod.__file__ = script
    mod.__builtins__ = sys.modules['__builtin__']
    sys.modules['__main__'] = mod
    sys.argv = sys.argv[2:]
    sys.path[0] = os.path.dirname(script)
    exec code in mod.__dict__


main()
