if x:
    a = 1
  # odd comment
    b = 2
