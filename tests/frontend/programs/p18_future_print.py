from __future__ import print_function
# print as a function under the future import
import sys
print('hello', 'world', sep='-', end='!\n')
print(1, 2, 3)
print()
print('to stderr', file=sys.stderr)
p = print
p('aliased')
print(*range(5), sep=',')
print('no newline', end='')
print(' continued')
