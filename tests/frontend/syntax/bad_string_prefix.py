x = rb'x'
