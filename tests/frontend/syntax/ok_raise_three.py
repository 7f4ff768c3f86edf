raise E, V, T
