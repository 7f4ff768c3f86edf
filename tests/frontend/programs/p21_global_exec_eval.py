# global declarations, exec statement forms, eval, locals()
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print counter
def set_new():
    global brand_new
    brand_new = 'created'
set_new()
print brand_new
exec 'a = 1 + 2'
print a
g = {}
exec 'b = 5' in g
print g['b']
l = {}
exec 'c = d * 2' in {'d': 21}, l
print l
exec('e = 7')
print e
exec 'f = 8' in g, l
print l['f']
code = compile('h = 9', 'str', 'exec')
exec code in g
print g['h']
print eval('1 + 2 * 3'), eval('x * 2', {'x': 4}), eval('y', {}, {'y': 'loc'})
def uses_exec():
    exec 'z = 10'
    return z
print uses_exec()
def uses_locals(p, q=2):
    r = p + q
    return sorted(locals().items())
print uses_locals(1)
def global_in_nested():
    def inner():
        global counter
        counter = 100
    inner()
    return counter
print global_in_nested(), counter
x = 'module x'
def reads_then_global():
    global x
    x = 'changed'
reads_then_global()
print x
print sorted(k for k in globals() if not k.startswith('__'))[:5]
