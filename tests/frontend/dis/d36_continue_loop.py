for i in x:
    try:
        if i:
            continue
    except E:
        continue
    with m:
        if i:
            continue
while a:
    try:
        continue
    finally:
        pass
