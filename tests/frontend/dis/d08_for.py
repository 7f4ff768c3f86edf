for i in range(10):
    print i
for a, b in pairs:
    if a:
        continue
    x = b
else:
    y = 1
for i in x:
    for j in y:
        if j:
            break
        try:
            continue
        finally:
            pass
