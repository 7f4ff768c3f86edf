for i in x:
    try:
        pass
    finally:
        break
