i = 0
while i < 10:
    i += 1
    if i == 5:
        continue
    if i == 8:
        break
else:
    done()
while 1:
    if f():
        break
while True:
    g()
while 0:
    h()
