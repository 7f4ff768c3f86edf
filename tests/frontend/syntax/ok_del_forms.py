del a, (b, c), [d], e.f, g[0], h[1:2]
