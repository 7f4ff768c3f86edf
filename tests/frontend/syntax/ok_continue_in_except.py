for i in x:
    try:
        pass
    except:
        continue
