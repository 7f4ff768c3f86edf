def f(a):
    if a:
        for i in a:
            while i:
                try:
                    with i as j:
                        if j:
                            break
                        else:
                            continue
                except E:
                    pass
                i -= 1
    return a
