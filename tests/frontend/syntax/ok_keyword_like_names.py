print_ = exec_ = nonlocal = True = False = 1
