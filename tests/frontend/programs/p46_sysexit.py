# SystemExit with a status, atexit handlers, __name__ guard
import sys, atexit
def bye():
    print 'atexit handler'
atexit.register(bye)
def main(argv):
    print 'main', len(argv), argv[0].endswith('p46_sysexit.py')
    return 3
if __name__ == '__main__':
    print 'running as main'
    sys.exit(main(sys.argv))
print 'not reached'
