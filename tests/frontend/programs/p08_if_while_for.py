# if/elif/else, while/else, for/else, break, continue, nested loops
for i in range(6):
    if i == 0:
        print 'zero'
    elif i == 1:
        print 'one'
    elif i % 2 == 0:
        print 'even', i
    else:
        print 'odd', i
n = 0
while n < 10:
    n += 1
    if n == 3:
        continue
    if n == 7:
        break
    print 'n', n
else:
    print 'while-else not reached'
while n < 9:
    n += 1
else:
    print 'while-else reached', n
for i in []:
    print 'never'
else:
    print 'for-else on empty'
for i in range(3):
    for j in range(3):
        if j > i:
            break
        if (i + j) % 2:
            continue
        print 'pair', i, j
    else:
        print 'inner completed', i
found = None
for x in [4, 8, 15, 16, 23, 42]:
    if x > 15:
        found = x
        break
else:
    found = -1
print 'found', found
while True:
    n -= 1
    if n < 5:
        break
print 'n after', n
while 1:
    break
else:
    print 'never'
i = 0
while i < 3:
    try:
        i += 1
        if i == 2:
            continue
        print 'try-body', i
    finally:
        print 'finally', i
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print a + b + c
for i in range(3): print 'one-line', i
if n: print 'one-line if'
