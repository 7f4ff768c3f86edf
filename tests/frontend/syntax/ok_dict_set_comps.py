a = {x: y for x, y in z}
b = {x for x in y if x}
