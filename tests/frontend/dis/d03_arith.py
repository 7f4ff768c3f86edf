x = a + b - c * d / e // f % g ** h
y = a << b >> c & d | e ^ f
z = -a, +a, ~a, not a
w = `a`
v = a if b else c
