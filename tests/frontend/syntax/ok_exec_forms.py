exec 'x'
exec 'x' in g
exec 'x' in g, l
exec('x', g)
