/* test_parser.c -- the parser against CPython 2.7: every case's
 * expected text is what CPython 2.7.18 printed for
 *   ast.dump(compile(src, "<t>", mode, ast.PyCF_ONLY_AST))
 * or, on an error, "TypeName: repr(exc.args)" (regenerate with the
 * script in docs/frontend-parser.md).  Also robustness: deep nesting,
 * binary garbage, huge input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/ast.h"
#include "interp/errors.h"
#include "interp/objects/exceptions.h"
#include "interp/objects/stringobject.h"
#include "interp/parser.h"
#include "interp/runtime.h"
#include "tests/unit/unit.h"

typedef struct {
    py_parse_mode_t mode;
    const char *src;
    const char *expected;
} case_t;

/* sizeof would be nicer for embedded NULs; none of the cases has one. */
static const case_t good_cases[] = {
    {PY_PARSE_EXEC, "x = 1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1))])"},
    {PY_PARSE_EXEC, "a, b = c, d = e\n",
     "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], ctx=Store()), Tuple(elts=[Name(id='c', ctx=Store()), Name(id='d', ctx=Store())], ctx=Store())], value=Name(id='e', ctx=Load()))])"},
    {PY_PARSE_EXEC, "x += 1; y //= 2; z **= 3\n",
     "Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Num(n=1)), AugAssign(target=Name(id='y', ctx=Store()), op=FloorDiv(), value=Num(n=2)), AugAssign(target=Name(id='z', ctx=Store()), op=Pow(), value=Num(n=3))])"},
    {PY_PARSE_EXEC, "print\nprint x,\nprint >>f, a, b\nprint >>f\n",
     "Module(body=[Print(dest=None, values=[], nl=True), Print(dest=None, values=[Name(id='x', ctx=Load())], nl=False), Print(dest=Name(id='f', ctx=Load()), values=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], nl=True), Print(dest=Name(id='f', ctx=Load()), values=[], nl=True)])"},
    {PY_PARSE_EXEC, "del a, b[1], c.d\ndel (x, y),\n",
     "Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Subscript(value=Name(id='b', ctx=Load()), slice=Index(value=Num(n=1)), ctx=Del()), Attribute(value=Name(id='c', ctx=Load()), attr='d', ctx=Del())]), Delete(targets=[Tuple(elts=[Name(id='x', ctx=Del()), Name(id='y', ctx=Del())], ctx=Del())])])"},
    {PY_PARSE_EXEC, "def f(a, (b, c), d=1, *args, **kw):\n    return a\n",
     "Module(body=[FunctionDef(name='f', args=arguments(args=[Name(id='a', ctx=Param()), Tuple(elts=[Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], ctx=Store()), Name(id='d', ctx=Param())], vararg='args', kwarg='kw', defaults=[Num(n=1)]), body=[Return(value=Name(id='a', ctx=Load()))], decorator_list=[])])"},
    {PY_PARSE_EXEC, "@dec\n@mod.dec(1, k=2)\n@call()\ndef g(): pass\n",
     "Module(body=[FunctionDef(name='g', args=arguments(args=[], vararg=None, kwarg=None, defaults=[]), body=[Pass()], decorator_list=[Name(id='dec', ctx=Load()), Call(func=Attribute(value=Name(id='mod', ctx=Load()), attr='dec', ctx=Load()), args=[Num(n=1)], keywords=[keyword(arg='k', value=Num(n=2))], starargs=None, kwargs=None), Call(func=Name(id='call', ctx=Load()), args=[], keywords=[], starargs=None, kwargs=None)])])"},
    {PY_PARSE_EXEC, "class A(B, C):\n    'doc'\n    x = 1\nclass D: pass\nclass E(): pass\n",
     "Module(body=[ClassDef(name='A', bases=[Name(id='B', ctx=Load()), Name(id='C', ctx=Load())], body=[Expr(value=Str(s='doc')), Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1))], decorator_list=[]), ClassDef(name='D', bases=[], body=[Pass()], decorator_list=[]), ClassDef(name='E', bases=[], body=[Pass()], decorator_list=[])])"},
    {PY_PARSE_EXEC, "lambda: 0\nlambda x, y=2, *a, **k: x\nlambda (x, y): x\n",
     "Module(body=[Expr(value=Lambda(args=arguments(args=[], vararg=None, kwarg=None, defaults=[]), body=Num(n=0))), Expr(value=Lambda(args=arguments(args=[Name(id='x', ctx=Param()), Name(id='y', ctx=Param())], vararg='a', kwarg='k', defaults=[Num(n=2)]), body=Name(id='x', ctx=Load()))), Expr(value=Lambda(args=arguments(args=[Tuple(elts=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], ctx=Store())], vararg=None, kwarg=None, defaults=[]), body=Name(id='x', ctx=Load())))])"},
    {PY_PARSE_EXEC, "x if y else z\n",
     "Module(body=[Expr(value=IfExp(test=Name(id='y', ctx=Load()), body=Name(id='x', ctx=Load()), orelse=Name(id='z', ctx=Load())))])"},
    {PY_PARSE_EXEC, "[x for x in y if x for z in w]\n{x for x in y}\n{k: v for k, v in d}\n(x for x in y)\n",
     "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='x', ctx=Load())]), comprehension(target=Name(id='z', ctx=Store()), iter=Name(id='w', ctx=Load()), ifs=[])])), Expr(value=SetComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[])])), Expr(value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Name(id='d', ctx=Load()), ifs=[])])), Expr(value=GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[])]))])"},
    {PY_PARSE_EXEC, "[x for x in 1, 2]\n",
     "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Tuple(elts=[Num(n=1), Num(n=2)], ctx=Load()), ifs=[])]))])"},
    {PY_PARSE_EXEC, "def f():\n    x = yield\n    y = yield 1, 2\n    yield\n",
     "Module(body=[FunctionDef(name='f', args=arguments(args=[], vararg=None, kwarg=None, defaults=[]), body=[Assign(targets=[Name(id='x', ctx=Store())], value=Yield(value=None)), Assign(targets=[Name(id='y', ctx=Store())], value=Yield(value=Tuple(elts=[Num(n=1), Num(n=2)], ctx=Load()))), Expr(value=Yield(value=None))], decorator_list=[])])"},
    {PY_PARSE_EXEC, "with a as b, c as (d, e), f: pass\n",
     "Module(body=[With(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store()), body=[With(context_expr=Name(id='c', ctx=Load()), optional_vars=Tuple(elts=[Name(id='d', ctx=Store()), Name(id='e', ctx=Store())], ctx=Store()), body=[With(context_expr=Name(id='f', ctx=Load()), optional_vars=None, body=[Pass()])])])])"},
    {PY_PARSE_EXEC, "try:\n    pass\nexcept E, e:\n    pass\nexcept (A, B) as e:\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
     "Module(body=[TryFinally(body=[TryExcept(body=[Pass()], handlers=[ExceptHandler(type=Name(id='E', ctx=Load()), name=Name(id='e', ctx=Store()), body=[Pass()]), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), name=Name(id='e', ctx=Store()), body=[Pass()]), ExceptHandler(type=None, name=None, body=[Pass()])], orelse=[Pass()])], finalbody=[Pass()])])"},
    {PY_PARSE_EXEC, "try: pass\nfinally: pass\n",
     "Module(body=[TryFinally(body=[Pass()], finalbody=[Pass()])])"},
    {PY_PARSE_EXEC, "exec code\nexec code in g\nexec code in g, l\n",
     "Module(body=[Exec(body=Name(id='code', ctx=Load()), globals=None, locals=None), Exec(body=Name(id='code', ctx=Load()), globals=Name(id='g', ctx=Load()), locals=None), Exec(body=Name(id='code', ctx=Load()), globals=Name(id='g', ctx=Load()), locals=Name(id='l', ctx=Load()))])"},
    {PY_PARSE_EXEC, "`x`\n`1, 2`\n",
     "Module(body=[Expr(value=Repr(value=Name(id='x', ctx=Load()))), Expr(value=Repr(value=Tuple(elts=[Num(n=1), Num(n=2)], ctx=Load())))])"},
    {PY_PARSE_EXEC, "x[1:2, ...]\nx[1:2:3]\nx[::]\nx[:]\nx[...]\nx[1,]\nx[a, b]\nx[a:b, c]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=ExtSlice(dims=[Slice(lower=Num(n=1), upper=Num(n=2), step=None), Ellipsis()]), ctx=Load())), Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=Slice(lower=Num(n=1), upper=Num(n=2), step=Num(n=3)), ctx=Load())), Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=Slice(lower=None, upper=None, step=Name(id='None', ctx=Load())), ctx=Load())), Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=Slice(lower=None, upper=None, step=None), ctx=Load())), Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=Ellipsis(), ctx=Load())), Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=Index(value=Tuple(elts=[Num(n=1)], ctx=Load())), ctx=Load())), Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=Index(value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load())), ctx=Load())), Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=ExtSlice(dims=[Slice(lower=Name(id='a', ctx=Load()), upper=Name(id='b', ctx=Load()), step=None), Index(value=Name(id='c', ctx=Load()))]), ctx=Load()))])"},
    {PY_PARSE_EXEC, "global a, b\nassert x\nassert x, 'msg'\n",
     "Module(body=[Global(names=['a', 'b']), Assert(test=Name(id='x', ctx=Load()), msg=None), Assert(test=Name(id='x', ctx=Load()), msg=Str(s='msg'))])"},
    {PY_PARSE_EXEC, "a < b <= c == d != e > f >= g in h not in i is j is not k <> l\n",
     "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), Eq(), NotEq(), Gt(), GtE(), In(), NotIn(), Is(), IsNot(), NotEq()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', ctx=Load()), Name(id='g', ctx=Load()), Name(id='h', ctx=Load()), Name(id='i', ctx=Load()), Name(id='j', ctx=Load()), Name(id='k', ctx=Load()), Name(id='l', ctx=Load())]))])"},
    {PY_PARSE_EXEC, "a + b - c * d / e % f // g ** h << i >> j & k ^ l | m\n",
     "Module(body=[Expr(value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=Name(id='b', ctx=Load())), op=Sub(), right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='c', ctx=Load()), op=Mult(), right=Name(id='d', ctx=Load())), op=Div(), right=Name(id='e', ctx=Load())), op=Mod(), right=Name(id='f', ctx=Load())), op=FloorDiv(), right=BinOp(left=Name(id='g', ctx=Load()), op=Pow(), right=Name(id='h', ctx=Load())))), op=LShift(), right=Name(id='i', ctx=Load())), op=RShift(), right=Name(id='j', ctx=Load())), op=BitAnd(), right=Name(id='k', ctx=Load())), op=BitXor(), right=Name(id='l', ctx=Load())), op=BitOr(), right=Name(id='m', ctx=Load())))])"},
    {PY_PARSE_EXEC, "not a and b or c and not d\n",
     "Module(body=[Expr(value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[UnaryOp(op=Not(), operand=Name(id='a', ctx=Load())), Name(id='b', ctx=Load())]), BoolOp(op=And(), values=[Name(id='c', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='d', ctx=Load()))])]))])"},
    {PY_PARSE_EXEC, "-1\n-(1)\n- 1\n--1\n-1 ** 2\n-1.5\n-1j\n+1\n~1\n-0x10\n-2147483648\n-9223372036854775808\n-9223372036854775809\n-0\n-0.0\n",
     "Module(body=[Expr(value=Num(n=-1)), Expr(value=UnaryOp(op=USub(), operand=Num(n=1))), Expr(value=Num(n=-1)), Expr(value=UnaryOp(op=USub(), operand=Num(n=-1))), Expr(value=UnaryOp(op=USub(), operand=BinOp(left=Num(n=1), op=Pow(), right=Num(n=2)))), Expr(value=Num(n=-1.5)), Expr(value=Num(n=-1j)), Expr(value=UnaryOp(op=UAdd(), operand=Num(n=1))), Expr(value=UnaryOp(op=Invert(), operand=Num(n=1))), Expr(value=Num(n=-16)), Expr(value=Num(n=-2147483648)), Expr(value=Num(n=-9223372036854775808)), Expr(value=Num(n=-9223372036854775809L)), Expr(value=Num(n=0)), Expr(value=Num(n=-0.0))])"},
    {PY_PARSE_EXEC, "0x1f\n017\n0o17\n0b101\n1L\n0xffL\n1e5\n1.5e-3\n.5\n5.\n3j\n1.5J\n99999999999999999999\n0xffffffffffffffff\n00\n0\n",
     "Module(body=[Expr(value=Num(n=31)), Expr(value=Num(n=15)), Expr(value=Num(n=15)), Expr(value=Num(n=5)), Expr(value=Num(n=1L)), Expr(value=Num(n=255L)), Expr(value=Num(n=100000.0)), Expr(value=Num(n=0.0015)), Expr(value=Num(n=0.5)), Expr(value=Num(n=5.0)), Expr(value=Num(n=3j)), Expr(value=Num(n=1.5j)), Expr(value=Num(n=99999999999999999999L)), Expr(value=Num(n=18446744073709551615L)), Expr(value=Num(n=0)), Expr(value=Num(n=0))])"},
    {PY_PARSE_EXEC, "'a' 'b'\nu'a' 'b'\nr'\\n'\nur'\\n'\nb'x'\nBR'x'\n'''tri\nple'''\n\"\\x41\\101\\n\\t\\q\"\nu'\\u1234\\U0001F600\\x41'\n",
     "Module(body=[Expr(value=Str(s='ab')), Expr(value=Str(s=u'ab')), Expr(value=Str(s='\\\\n')), Expr(value=Str(s=u'\\\\n')), Expr(value=Str(s='x')), Expr(value=Str(s='x')), Expr(value=Str(s='tri\\nple')), Expr(value=Str(s='AA\\n\\t\\\\q')), Expr(value=Str(s=u'\\u1234\\U0001f600A'))])"},
    {PY_PARSE_EXEC, "import a\nimport a.b.c as d, e\nfrom a import b\nfrom a.b import (c, d as e,)\nfrom . import x\nfrom ..a import *\nfrom .. import y\n",
     "Module(body=[Import(names=[alias(name='a', asname=None)]), Import(names=[alias(name='a.b.c', asname='d'), alias(name='e', asname=None)]), ImportFrom(module='a', names=[alias(name='b', asname=None)], level=0), ImportFrom(module='a.b', names=[alias(name='c', asname=None), alias(name='d', asname='e')], level=0), ImportFrom(module=None, names=[alias(name='x', asname=None)], level=1), ImportFrom(module='a', names=[alias(name='*', asname=None)], level=2), ImportFrom(module=None, names=[alias(name='y', asname=None)], level=2)])"},
    {PY_PARSE_EXEC, "if a:\n    pass\nelif b:\n    pass\nelif c:\n    pass\nelse:\n    pass\n",
     "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='c', ctx=Load()), body=[Pass()], orelse=[Pass()])])])])"},
    {PY_PARSE_EXEC, "while a:\n    break\nelse:\n    continue\nfor x, y in z:\n    pass\nelse:\n    pass\n",
     "Module(body=[While(test=Name(id='a', ctx=Load()), body=[Break()], orelse=[Continue()]), For(target=Tuple(elts=[Name(id='x', ctx=Store()), Name(id='y', ctx=Store())], ctx=Store()), iter=Name(id='z', ctx=Load()), body=[Pass()], orelse=[Pass()])])"},
    {PY_PARSE_EXEC, "f(a, b, *c, **d)\nf(a=1, *b)\nf(x for x in y)\nf(*a, b=1, **c)\nf()\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], keywords=[], starargs=Name(id='c', ctx=Load()), kwargs=Name(id='d', ctx=Load()))), Expr(value=Call(func=Name(id='f', ctx=Load()), args=[], keywords=[keyword(arg='a', value=Num(n=1))], starargs=Name(id='b', ctx=Load()), kwargs=None)), Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[])])], keywords=[], starargs=None, kwargs=None)), Expr(value=Call(func=Name(id='f', ctx=Load()), args=[], keywords=[keyword(arg='b', value=Num(n=1))], starargs=Name(id='a', ctx=Load()), kwargs=Name(id='c', ctx=Load()))), Expr(value=Call(func=Name(id='f', ctx=Load()), args=[], keywords=[], starargs=None, kwargs=None))])"},
    {PY_PARSE_EXEC, "raise\nraise E\nraise E, v\nraise E, v, tb\nreturn\n",
     "Module(body=[Raise(type=None, inst=None, tback=None), Raise(type=Name(id='E', ctx=Load()), inst=None, tback=None), Raise(type=Name(id='E', ctx=Load()), inst=Name(id='v', ctx=Load()), tback=None), Raise(type=Name(id='E', ctx=Load()), inst=Name(id='v', ctx=Load()), tback=Name(id='tb', ctx=Load())), Return(value=None)])"},
    {PY_PARSE_EXEC, "{}\n{1: 2, 3: 4,}\n{1, 2}\n()\n(1,)\n(1, 2)\n[]\n[1, 2,]\n",
     "Module(body=[Expr(value=Dict(keys=[], values=[])), Expr(value=Dict(keys=[Num(n=1), Num(n=3)], values=[Num(n=2), Num(n=4)])), Expr(value=Set(elts=[Num(n=1), Num(n=2)])), Expr(value=Tuple(elts=[], ctx=Load())), Expr(value=Tuple(elts=[Num(n=1)], ctx=Load())), Expr(value=Tuple(elts=[Num(n=1), Num(n=2)], ctx=Load())), Expr(value=List(elts=[], ctx=Load())), Expr(value=List(elts=[Num(n=1), Num(n=2)], ctx=Load()))])"},
    {PY_PARSE_EXEC, "x = (yield)\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Yield(value=None))])"},
    {PY_PARSE_EXEC, "a.b.c = 1\na[b] = c\n[a, (b, c)] = d\n",
     "Module(body=[Assign(targets=[Attribute(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), attr='c', ctx=Store())], value=Num(n=1)), Assign(targets=[Subscript(value=Name(id='a', ctx=Load()), slice=Index(value=Name(id='b', ctx=Load())), ctx=Store())], value=Name(id='c', ctx=Load())), Assign(targets=[List(elts=[Name(id='a', ctx=Store()), Tuple(elts=[Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], ctx=Store())], ctx=Store())], value=Name(id='d', ctx=Load()))])"},
    {PY_PARSE_EXEC, "if 1:\n\tx = 1\n        y = 2\n",
     "Module(body=[If(test=Num(n=1), body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Num(n=2))], orelse=[])])"},
    {PY_PARSE_EXEC, "x = 1 \\\n  + 2\ny = (1 +\n     2)\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Num(n=1), op=Add(), right=Num(n=2))), Assign(targets=[Name(id='y', ctx=Store())], value=BinOp(left=Num(n=1), op=Add(), right=Num(n=2)))])"},
    {PY_PARSE_EXEC, "# comment\n\n   # indented comment\nx = 1  # trailing\n\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1))])"},
    {PY_PARSE_EXEC, "from __future__ import print_function\nprint(x, end='')\n",
     "Module(body=[ImportFrom(module='__future__', names=[alias(name='print_function', asname=None)], level=0), Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[keyword(arg='end', value=Str(s=''))], starargs=None, kwargs=None))])"},
    {PY_PARSE_EXEC, "'doc'\nfrom __future__ import unicode_literals\nx = 'a'\ny = b'b'\n",
     "Module(body=[Expr(value=Str(s=u'doc')), ImportFrom(module='__future__', names=[alias(name='unicode_literals', asname=None)], level=0), Assign(targets=[Name(id='x', ctx=Store())], value=Str(s=u'a')), Assign(targets=[Name(id='y', ctx=Store())], value=Str(s='b'))])"},
    {PY_PARSE_EVAL, "a + 1",
     "Expression(body=BinOp(left=Name(id='a', ctx=Load()), op=Add(), right=Num(n=1)))"},
    {PY_PARSE_EVAL, "\n1\n\n",
     "Expression(body=Num(n=1))"},
    {PY_PARSE_SINGLE, "x = 1",
     "Interactive(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1))])"},
    {PY_PARSE_SINGLE, "if x:\n  y\n",
     "Interactive(body=[If(test=Name(id='x', ctx=Load()), body=[Expr(value=Name(id='y', ctx=Load()))], orelse=[])])"},
    {PY_PARSE_SINGLE, "\n",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 1, 1, '\\n'))"},
    {PY_PARSE_EXEC, "x = 1\r\ny = 2\r\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1)), Assign(targets=[Name(id='y', ctx=Store())], value=Num(n=2))])"},
    {PY_PARSE_EXEC, "\357\273\277x = 'caf\303\251'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s='caf\\xc3\\xa9'))])"},
    {PY_PARSE_EXEC, "# -*- coding: latin-1 -*-\nx = '\351'\ny = u'\351'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s='\\xe9')), Assign(targets=[Name(id='y', ctx=Store())], value=Str(s=u'\\xe9'))])"},
    {PY_PARSE_EXEC, "# coding=utf-8\nx = u'caf\303\251'\ny = 'caf\303\251'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s=u'caf\\xe9')), Assign(targets=[Name(id='y', ctx=Store())], value=Str(s='caf\\xc3\\xa9'))])"},
    {PY_PARSE_EXEC, "# vim: set fileencoding=iso-8859-15 :\nx = '\244'\ny = u'\244'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s='\\xa4')), Assign(targets=[Name(id='y', ctx=Store())], value=Str(s=u'\\u20ac'))])"},
    {PY_PARSE_EXEC, "x = '\351'\ny = u'\351'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s='\\xe9')), Assign(targets=[Name(id='y', ctx=Store())], value=Str(s=u'\\xe9'))])"},
    {PY_PARSE_EXEC, "a = 1; b = 2;\n",
     "Module(body=[Assign(targets=[Name(id='a', ctx=Store())], value=Num(n=1)), Assign(targets=[Name(id='b', ctx=Store())], value=Num(n=2))])"},
    {PY_PARSE_EXEC, "def f(a, b=1,): pass\ndef g(*\n",
     "SyntaxError: ('invalid syntax', ('<t>', 2, 8, 'def g(*\\n'))"},
    {PY_PARSE_EXEC, "x = [1,\n  2]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=List(elts=[Num(n=1), Num(n=2)], ctx=Load()))])"},
    {PY_PARSE_EXEC, "f(a)(b)[c].d\n",
     "Module(body=[Expr(value=Attribute(value=Subscript(value=Call(func=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[], starargs=None, kwargs=None), args=[Name(id='b', ctx=Load())], keywords=[], starargs=None, kwargs=None), slice=Index(value=Name(id='c', ctx=Load())), ctx=Load()), attr='d', ctx=Load()))])"},
    {PY_PARSE_EXEC, "x = None\ny = True\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Name(id='None', ctx=Load())), Assign(targets=[Name(id='y', ctx=Store())], value=Name(id='True', ctx=Load()))])"},
    {PY_PARSE_EXEC, "x[1:2:]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='x', ctx=Load()), slice=Slice(lower=Num(n=1), upper=Num(n=2), step=Name(id='None', ctx=Load())), ctx=Load()))])"},
    {PY_PARSE_EXEC, "print(1, 2)\n",
     "Module(body=[Print(dest=None, values=[Tuple(elts=[Num(n=1), Num(n=2)], ctx=Load())], nl=True)])"},
    {PY_PARSE_EXEC, "def f():\n    a = b = yield c\n",
     "Module(body=[FunctionDef(name='f', args=arguments(args=[], vararg=None, kwarg=None, defaults=[]), body=[Assign(targets=[Name(id='a', ctx=Store()), Name(id='b', ctx=Store())], value=Yield(value=Name(id='c', ctx=Load())))], decorator_list=[])])"},
    {PY_PARSE_EXEC, "# -*- coding: koi8-r -*-\nx = '\360\322\311'\ny = u'\360\322\311'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s='\\xf0\\xd2\\xc9')), Assign(targets=[Name(id='y', ctx=Store())], value=Str(s=u'\\u041f\\u0440\\u0438'))])"},
    {PY_PARSE_EXEC, "# coding: cp1252\nx = '\200'\ny = u'\200\223'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s='\\x80')), Assign(targets=[Name(id='y', ctx=Store())], value=Str(s=u'\\u20ac\\u201c'))])"},
    {PY_PARSE_EXEC, "x\n# coding: foo\n",
     "Module(body=[Expr(value=Name(id='x', ctx=Load()))])"},
    {PY_PARSE_EXEC, "if x:\n    pass\nelif y:\n    pass\nelif z:\n    pass\n",
     "Module(body=[If(test=Name(id='x', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='y', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='z', ctx=Load()), body=[Pass()], orelse=[])])])])"},
    {PY_PARSE_EXEC, "with a, b as c, d: pass\n",
     "Module(body=[With(context_expr=Name(id='a', ctx=Load()), optional_vars=None, body=[With(context_expr=Name(id='b', ctx=Load()), optional_vars=Name(id='c', ctx=Store()), body=[With(context_expr=Name(id='d', ctx=Load()), optional_vars=None, body=[Pass()])])])])"},
};

static const case_t error_cases[] = {
    {PY_PARSE_EXEC, "x = = 1\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 5, 'x = = 1\\n'))"},
    {PY_PARSE_EXEC, "f(x for x in y, 1)\n",
     "SyntaxError: ('Generator expression must be parenthesized if not sole argument', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "def f(a, b=1, c): pass\n",
     "SyntaxError: ('non-default argument follows default argument', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "1 = 2\n",
     "SyntaxError: (\"can't assign to literal\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "if 1:\n  x\n\ty\n",
     "IndentationError: ('unexpected indent', ('<t>', 3, 1, '\\ty\\n'))"},
    {PY_PARSE_EXEC, "x = 1 +\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 8, 'x = 1 +\\n'))"},
    {PY_PARSE_EXEC, "x = (1 +\n",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 1, 9, 'x = (1 +\\n'))"},
    {PY_PARSE_EXEC, "\"abc\n",
     "SyntaxError: ('EOL while scanning string literal', ('<t>', 1, 4, '\"abc\\n'))"},
    {PY_PARSE_EXEC, "\"\"\"abc\n",
     "SyntaxError: ('EOF while scanning triple-quoted string literal', ('<t>', 1, 7, '\"\"\"abc\\n'))"},
    {PY_PARSE_EXEC, "x = 1\n  y = 2\n",
     "IndentationError: ('unexpected indent', ('<t>', 2, 2, '  y = 2\\n'))"},
    {PY_PARSE_EXEC, "if 1:\nx\n",
     "IndentationError: ('expected an indented block', ('<t>', 2, 1, 'x\\n'))"},
    {PY_PARSE_EXEC, "if 1:\n  x\n y\n",
     "IndentationError: ('unindent does not match any outer indentation level', ('<t>', 3, 3, ' y\\n'))"},
    {PY_PARSE_EXEC, "x = $\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 5, 'x = $\\n'))"},
    {PY_PARSE_EXEC, "x = 1 \\ y\n",
     "SyntaxError: ('unexpected character after line continuation character', ('<t>', 1, 10, 'x = 1 \\\\ y\\n'))"},
    {PY_PARSE_EXEC, "# coding: foo\nx=1\n",
     "SyntaxError: ('unknown encoding: foo', ('<t>', 0, 0, None))"},
    {PY_PARSE_EXEC, "\357\273\277# coding: latin-1\nx=1\n",
     "SyntaxError: ('encoding problem: iso-8859-1 with BOM', ('<t>', 0, 0, None))"},
    {PY_PARSE_EXEC, "f(**a, *b)\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 6, 'f(**a, *b)\\n'))"},
    {PY_PARSE_EXEC, "f(a=1, b)\n",
     "SyntaxError: ('non-keyword arg after keyword arg', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "f(*a, b)\n",
     "SyntaxError: ('only named arguments may follow *expression', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "f(a=1, a=2)\n",
     "SyntaxError: ('keyword argument repeated', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "f(a.b=1)\n",
     "SyntaxError: (\"keyword can't be an expression\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "f(lambda x: x[0] = 3)\n",
     "SyntaxError: ('lambda cannot contain assignment', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "None = 1\n",
     "SyntaxError: ('cannot assign to None', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "x.None = 1\n",
     "SyntaxError: ('cannot assign to None', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "def None(): pass\n",
     "SyntaxError: ('cannot assign to None', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "def f(None): pass\n",
     "SyntaxError: ('cannot assign to None', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "import None\n",
     "SyntaxError: ('cannot assign to None', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "from x import None\n",
     "SyntaxError: ('cannot assign to None', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "import x as None\n",
     "SyntaxError: ('cannot assign to None', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "f() = 1\n",
     "SyntaxError: (\"can't assign to function call\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "del f()\n",
     "SyntaxError: (\"can't delete function call\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "(a, b) += 1\n",
     "SyntaxError: ('illegal expression for augmented assignment', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "[x for x in y] = 1\n",
     "SyntaxError: (\"can't assign to list comprehension\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "x = yield = 1\n",
     "SyntaxError: ('assignment to yield expression not possible', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "() = 1\n",
     "SyntaxError: (\"can't assign to ()\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "a + 1 = 2\n",
     "SyntaxError: (\"can't assign to operator\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "lambda: 1 = 2\n",
     "SyntaxError: (\"can't assign to lambda\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "`x` = 1\n",
     "SyntaxError: (\"can't assign to repr\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "x if y else z = 1\n",
     "SyntaxError: (\"can't assign to conditional expression\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "a < b = 1\n",
     "SyntaxError: (\"can't assign to comparison\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "{} = 1\n",
     "SyntaxError: (\"can't assign to literal\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "'s' = 1\n",
     "SyntaxError: (\"can't assign to literal\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "(x for x in y) = 1\n",
     "SyntaxError: (\"can't assign to generator expression\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "from x import a, b,\n",
     "SyntaxError: ('trailing comma not allowed without surrounding parentheses', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "from __future__ import braces\n",
     "SyntaxError: ('not a chance', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "from __future__ import nonsense\n",
     "SyntaxError: ('future feature nonsense is not defined', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "x = 1\nfrom __future__ import division\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1)), ImportFrom(module='__future__', names=[alias(name='division', asname=None)], level=0)])"},
    {PY_PARSE_EXEC, "0x\n",
     "SyntaxError: ('invalid token', ('<t>', 1, 2, '0x\\n'))"},
    {PY_PARSE_EXEC, "09\n",
     "SyntaxError: ('invalid token', ('<t>', 1, 2, '09\\n'))"},
    {PY_PARSE_EXEC, "1e+\n",
     "SyntaxError: ('invalid token', ('<t>', 1, 3, '1e+\\n'))"},
    {PY_PARSE_EXEC, "x = 1\n\ty = 2\n",
     "IndentationError: ('unexpected indent', ('<t>', 2, 1, '\\ty = 2\\n'))"},
    {PY_PARSE_EXEC, "\"\\x1\"\n",
     "ValueError: ('invalid \\\\x escape',)"},
    {PY_PARSE_EXEC, "u\"\\x1\"\n",
     "SyntaxError: (\"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\\\xXX escape\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "u\"\\N{DIGIT ONE}\"\n",
     "Module(body=[Expr(value=Str(s=u'1'))])"},
    {PY_PARSE_EXEC, "u\"\\u12\"\n",
     "SyntaxError: (\"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\\\uXXXX escape\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "u\"\\U00110000\"\n",
     "SyntaxError: (\"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "ur\"\\u004\"\n",
     "SyntaxError: (\"(unicode error) 'rawunicodeescape' codec can't decode bytes in position 0-4: truncated \\\\uXXXX\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "u\"a\" \"\\xff\"\n",
     "SyntaxError: (\"(unicode error) 'ascii' codec can't decode byte 0xff in position 0: ordinal not in range(128)\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "u\"\\N\"\n",
     "SyntaxError: (\"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\\\N character escape\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "def f((x)=1): pass\n",
     "SyntaxError: ('parenthesized arg with default', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "if 1:\n",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 1, 6, 'if 1:\\n'))"},
    {PY_PARSE_EXEC, "class\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 6, 'class\\n'))"},
    {PY_PARSE_EXEC, "for x in y\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 11, 'for x in y\\n'))"},
    {PY_PARSE_EXEC, "x = [1, 2\n",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 1, 10, 'x = [1, 2\\n'))"},
    {PY_PARSE_EXEC, "else: pass\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 4, 'else: pass\\n'))"},
    {PY_PARSE_EXEC, "try:\n  pass\n",
     "SyntaxError: ('invalid syntax', ('<t>', 2, 7, '  pass\\n'))"},
    {PY_PARSE_EXEC, "f(*a,)\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 6, 'f(*a,)\\n'))"},
    {PY_PARSE_EXEC, "print >>f,\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 11, 'print >>f,\\n'))"},
    {PY_PARSE_EXEC, "x = 'abc\\\n",
     "SyntaxError: ('EOL while scanning string literal', ('<t>', 1, 10, \"x = 'abc\\\\\\n\"))"},
    {PY_PARSE_EXEC, "@dec\nx = 1\n",
     "SyntaxError: ('invalid syntax', ('<t>', 2, 1, 'x = 1\\n'))"},
    {PY_PARSE_EXEC, "    x = 1\n",
     "IndentationError: ('unexpected indent', ('<t>', 1, 4, '    x = 1\\n'))"},
    {PY_PARSE_EXEC, "x = '\351'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Str(s='\\xe9'))])"},
    {PY_PARSE_EXEC, "# coding: ascii\nx = '\351'\n",
     "SyntaxError: (\"'ascii' codec can't decode byte 0xe9 in position 21: ordinal not in range(128)\", ('<t>', 0, 0, None))"},
    {PY_PARSE_EXEC, "lambda x=1, y: x\n",
     "SyntaxError: ('non-default argument follows default argument', ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "with a as f(): pass\n",
     "SyntaxError: (\"can't assign to function call\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "for f() in y: pass\n",
     "SyntaxError: (\"can't assign to function call\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "[x for f() in y]\n",
     "SyntaxError: (\"can't assign to function call\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "x = 1 if 2\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 11, 'x = 1 if 2\\n'))"},
    {PY_PARSE_EXEC, "a not b\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 7, 'a not b\\n'))"},
    {PY_PARSE_EXEC, "a is not not b\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 12, 'a is not not b\\n'))"},
    {PY_PARSE_EXEC, "x[1:2:3:4]\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 8, 'x[1:2:3:4]\\n'))"},
    {PY_PARSE_EXEC, "def f(**k, *a): pass\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 10, 'def f(**k, *a): pass\\n'))"},
    {PY_PARSE_EXEC, "f(**a, **b)\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 6, 'f(**a, **b)\\n'))"},
    {PY_PARSE_EXEC, "import a.b as c.d\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 16, 'import a.b as c.d\\n'))"},
    {PY_PARSE_EXEC, "from . import (a)\n",
     "Module(body=[ImportFrom(module=None, names=[alias(name='a', asname=None)], level=1)])"},
    {PY_PARSE_EXEC, "x = 1;;\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 7, 'x = 1;;\\n'))"},
    {PY_PARSE_EXEC, "x = `1,`\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 9, 'x = `1,`\\n'))"},
    {PY_PARSE_EVAL, "x = 1",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 3, 'x = 1'))"},
    {PY_PARSE_EVAL, "1 +",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 1, 3, '1 +'))"},
    {PY_PARSE_EVAL, "  1",
     "IndentationError: ('unexpected indent', ('<t>', 1, 2, '  1'))"},
    {PY_PARSE_SINGLE, "x=1\ny=2\n",
     "Interactive(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1))])"},
    {PY_PARSE_SINGLE, "if 1:\n  x\n\ny\n",
     "SyntaxError: ('invalid syntax', ('<t>', 4, 1, 'y\\n'))"},
    {PY_PARSE_SINGLE, "",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 0, 0, ''))"},
    /* found by differential fuzzing against CPython: */
    {PY_PARSE_EXEC, " = '\"\"\"a\nb\"\"\" c\n\n",
     "IndentationError: ('unexpected indent', ('<t>', 1, 1, ' = \\'\"\"\"a\\n'))"},
    {PY_PARSE_EXEC, "\nclass",
     "SyntaxError: ('invalid syntax', ('<t>', 2, 6, 'class\\n'))"},
    {PY_PARSE_EXEC, "if 1:\n  class P(object):\n",
     "IndentationError: ('expected an indented block', ('<t>', 2, 19, '  class P(object):\\n'))"},
    {PY_PARSE_EXEC, "x = \"\\x1\"; y = = 1\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 16, 'x = \"\\\\x1\"; y = = 1\\n'))"},
    {PY_PARSE_EXEC, "def f(a, b=Non ,e**k): pass\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 19, 'def f(a, b=Non ,e**k): pass\\n'))"},
    {PY_PARSE_EXEC, "# -*- coding: utf-8 -*-\nx = u'\303else'\n",
     "SyntaxError: (\"(unicode error) 'utf8' codec can't decode byte 0xc3 in position 0: unexpected end of data\", ('<t>', 2, None, None))"},
    {PY_PARSE_EXEC, "x = 1 \\\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=1))])"},
    {PY_PARSE_EXEC, "f(x=1, y)\nz = = 2\n",
     "SyntaxError: ('invalid syntax', ('<t>', 2, 5, 'z = = 2\\n'))"},
    {PY_PARSE_EXEC, "None = 1\nx = = 2\n",
     "SyntaxError: ('invalid syntax', ('<t>', 2, 5, 'x = = 2\\n'))"},
    {PY_PARSE_EXEC, "def f(*, a): pass\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 8, 'def f(*, a): pass\\n'))"},
    {PY_PARSE_EXEC, "x = 1\nif x:\n",
     "IndentationError: ('expected an indented block', ('<t>', 2, 6, 'if x:\\n'))"},
    {PY_PARSE_EXEC, "print >> f x\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 12, 'print >> f x\\n'))"},
    {PY_PARSE_EXEC, "class A(: pass\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 9, 'class A(: pass\\n'))"},
    {PY_PARSE_EXEC, "x = [i for i in 1,]\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 19, 'x = [i for i in 1,]\\n'))"},
    {PY_PARSE_EXEC, "lambda x: (yield)\n",
     "Module(body=[Expr(value=Lambda(args=arguments(args=[Name(id='x', ctx=Param())], vararg=None, kwarg=None, defaults=[]), body=Yield(value=None)))])"},
    {PY_PARSE_EXEC, "del x, (y, z), [w]\n",
     "Module(body=[Delete(targets=[Name(id='x', ctx=Del()), Tuple(elts=[Name(id='y', ctx=Del()), Name(id='z', ctx=Del())], ctx=Del()), List(elts=[Name(id='w', ctx=Del())], ctx=Del())])])"},
    {PY_PARSE_EXEC, "def f():\n    return\n  x\n",
     "IndentationError: ('unindent does not match any outer indentation level', ('<t>', 3, 4, '  x\\n'))"},
    {PY_PARSE_EXEC, "x = 0777777777777777777777L + 0xFFFFFFFFFFFFFFFF + 9223372036854775808\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=BinOp(left=Num(n=9223372036854775807L), op=Add(), right=Num(n=18446744073709551615L)), op=Add(), right=Num(n=9223372036854775808L)))])"},
    {PY_PARSE_EXEC, "x = -0x8000000000000000; y = -9223372036854775808L\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Num(n=-9223372036854775808)), Assign(targets=[Name(id='y', ctx=Store())], value=Num(n=-9223372036854775808L))])"},
    {PY_PARSE_SINGLE, "x\\\n",
     "Interactive(body=[Expr(value=Name(id='x', ctx=Load()))])"},
    {PY_PARSE_EVAL, "1 +",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 1, 3, '1 +'))"},
    {PY_PARSE_EXEC, "u'\\N{foo'\n",
     "SyntaxError: (\"(unicode error) 'unicodeescape' codec can't decode bytes in position 0-5: malformed \\\\N character escape\", ('<t>', 1, None, None))"},
    {PY_PARSE_EXEC, "a = 1 if b else\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 16, 'a = 1 if b else\\n'))"},
    {PY_PARSE_EXEC, "@\ndef f(): pass\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 2, '@\\n'))"},
    {PY_PARSE_EXEC, "with a as (b, c), d as e[0]: pass\n",
     "Module(body=[With(context_expr=Name(id='a', ctx=Load()), optional_vars=Tuple(elts=[Name(id='b', ctx=Store()), Name(id='c', ctx=Store())], ctx=Store()), body=[With(context_expr=Name(id='d', ctx=Load()), optional_vars=Subscript(value=Name(id='e', ctx=Load()), slice=Index(value=Num(n=0)), ctx=Store()), body=[Pass()])])])"},
    {PY_PARSE_EXEC, "exec 'x' in {}, {}, {}\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 19, \"exec 'x' in {}, {}, {}\\n\"))"},
    {PY_PARSE_EXEC, "from . import (a, b\n",
     "SyntaxError: ('unexpected EOF while parsing', ('<t>', 1, 20, 'from . import (a, b\\n'))"},
    {PY_PARSE_EXEC, "import a.b.\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 12, 'import a.b.\\n'))"},
    {PY_PARSE_EXEC, "x = {1:2, 3}\n",
     "SyntaxError: ('invalid syntax', ('<t>', 1, 12, 'x = {1:2, 3}\\n'))"},
    {PY_PARSE_EXEC, "f(a for a in b for c in d if e)\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='a', ctx=Load()), generators=[comprehension(target=Name(id='a', ctx=Store()), iter=Name(id='b', ctx=Load()), ifs=[]), comprehension(target=Name(id='c', ctx=Store()), iter=Name(id='d', ctx=Load()), ifs=[Name(id='e', ctx=Load())])])], keywords=[], starargs=None, kwargs=None))])"},
};

/* The dump of SRC, or "Type: repr(args)" of the error; malloc'd. */
static char *run(py_parse_mode_t mode, const char *src, size_t len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    py_arena_t *arena = py_arena_new();
    int flags = 0;
    py_ast_mod_t *m = arena ? py_parse_string(src, len, "<t>", mode, &flags,
                                              arena)
                            : NULL;
    if (m != NULL) {
        if (py_ast_dump(f, m) < 0) {
            fputs("<dump failed>", f);
            py_err_clear();
        }
    } else {
        py_type_t *type;
        py_object_t *value, *tb;
        py_err_fetch(&type, &value, &tb);
        if (value == NULL) {
            fputs("<no exception set>", f);
        } else {
            py_object_t *r = py_object_repr(py_exc_args(value));
            const char *tn = py_type_of(value)->tp_name;
            const char *dot = strrchr(tn, '.');
            fprintf(f, "%s: %s", dot ? dot + 1 : tn,
                    r ? py_str_data(r) : "<repr failed>");
            py_err_clear();
        }
    }
    fclose(f);
    return buf;
}

static int check_cases(const case_t *cases, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char *got = run(cases[i].mode, cases[i].src, strlen(cases[i].src));
        if (strcmp(got, cases[i].expected) != 0) {
            bad++;
            fprintf(stderr, "\ncase %zu: %s\n  expected: %s\n  got:      %s\n",
                    i, cases[i].src, cases[i].expected, got);
        }
        free(got);
    }
    return bad;
}

static void test_good(void)
{
    CU_ASSERT_EQUAL(check_cases(good_cases,
                                sizeof(good_cases) / sizeof(good_cases[0])), 0);
}

static void test_errors(void)
{
    CU_ASSERT_EQUAL(check_cases(error_cases,
                                sizeof(error_cases) / sizeof(error_cases[0])),
                    0);
}

static char *repeat(const char *a, int n, const char *mid, const char *b)
{
    size_t la = strlen(a), lm = strlen(mid), lb = strlen(b);
    char *s = malloc(la * (size_t)n + lm + lb * (size_t)n + 2);
    char *p = s;
    for (int i = 0; i < n; i++, p += la)
        memcpy(p, a, la);
    memcpy(p, mid, lm);
    p += lm;
    for (int i = 0; i < n; i++, p += lb)
        memcpy(p, b, lb);
    *p++ = '\n';
    *p = '\0';
    return s;
}

/* CPython 2.7's parser stack (measured with 2.7.18): 98 nested brackets
   around a number parse, 99 raise MemoryError; 1480 unary minus signs
   parse, 1481 do not; and so on. */
static void test_depth(void)
{
    struct { const char *open, *mid, *close; int ok, fail; } d[] = {
        {"(", "1", ")", 98, 99},
        {"[", "1", "]", 98, 99},
        {"{", "1", "}", 98, 99},
        {"-", "1", "", 1480, 1481},
        {"not ", "1", "", 1480, 1481},
        {"x[", "1", "]", 92, 93},
        {"lambda:", "1", "", 740, 741},
        {"1 if 1 else ", "1", "", 1480, 1481},
        {"(", "1", ")", 98, 100000},
    };
    for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        char *ok = repeat(d[i].open, d[i].ok, d[i].mid, d[i].close);
        char *got = run(PY_PARSE_EXEC, ok, strlen(ok));
        CU_ASSERT(strncmp(got, "Module(", 7) == 0);
        if (strncmp(got, "Module(", 7) != 0)
            fprintf(stderr, "\ndepth %zu ok: %.200s\n", i, got);
        free(got);
        free(ok);
        char *fail = repeat(d[i].open, d[i].fail, d[i].mid, d[i].close);
        got = run(PY_PARSE_EXEC, fail, strlen(fail));
        CU_ASSERT_STRING_EQUAL(got, "MemoryError: ()");
        free(got);
        free(fail);
    }
}

/* Random bytes and mutated Python never crash: an AST or an exception. */
static void test_garbage(void)
{
    static const char seed[] =
        "def f(a, (b, c)=1, *d, **e):\n    return [x for x in y if x]\n"
        "class A(B):\n    @dec\n    def g(self): yield `self`, u'\\u1234'\n"
        "try:\n  x = {1: 2, 3: (4,)}[::2]\nexcept E, e:\n  print >>f, 0x1fL\n";
    unsigned rnd = 12345;
    char buf[512];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n;
        if (iter % 2) {
            n = (size_t)(rnd % sizeof(buf));
            for (size_t i = 0; i < n; i++) {
                rnd = rnd * 1103515245u + 12345u;
                buf[i] = (char)(rnd >> 16);
            }
        } else {
            n = sizeof(seed) - 1;
            memcpy(buf, seed, n);
            for (int k = 0; k < 4; k++) {
                rnd = rnd * 1103515245u + 12345u;
                size_t at = (rnd >> 8) % n;
                rnd = rnd * 1103515245u + 12345u;
                buf[at] = "()[]{}:,.'\"\\\n\t #@=-*xu0"[(rnd >> 8) % 24];
            }
        }
        rnd = rnd * 1103515245u + 12345u;
        char *got = run((py_parse_mode_t)(rnd % 3), buf, n);
        CU_ASSERT(got != NULL && got[0] != '<');
        if (got && got[0] == '<')
            fprintf(stderr, "\ngarbage %d: %s\n", iter, got);
        free(got);
    }
}

/* A big generated module parses, and quickly. */
static void test_huge(void)
{
    size_t lines = 200000;
    const char *line = "x = f(a, b[1:2], {'k': [1, 2.5, 3j]}) + y.z * -4\n";
    size_t ll = strlen(line);
    char *src = malloc(lines * ll + 1);
    for (size_t i = 0; i < lines; i++)
        memcpy(src + i * ll, line, ll);
    src[lines * ll] = '\0';
    py_arena_t *arena = py_arena_new();
    double t0 = unit_now();
    py_ast_mod_t *m = py_parse_string(src, lines * ll, "<huge>",
                                      PY_PARSE_EXEC, NULL, arena);
    double t1 = unit_now();
    CU_ASSERT_PTR_NOT_NULL(m);
    if (m != NULL) {
        CU_ASSERT_EQUAL(m->v.Module.body.n, lines);
    } else {
        py_err_clear();
    }
    fprintf(stderr, "\n  [parsed %zu lines (%.1f MB) in %.3f s]\n", lines,
            (double)(lines * ll) / 1e6, t1 - t0);
    free(src);
}

/* Constructs that are long but not nested in the grammar are built in
   loops: 100000 elifs, 20000 with-items, a 100000-term sum, 20000
   chained calls.  (Only parsed: walking such trees recursively is the
   compiler's business, as in CPython.) */
static void test_long_chains(void)
{
    struct { const char *head, *rep, *tail; int n; } c[] = {
        {"if x:\n    pass\n", "elif x:\n    pass\n", "else:\n    pass\n",
         100000},
        {"with a", ", a", ":\n    pass\n", 20000},
        {"x = 1", " + 1", "\n", 100000},
        {"f", "()", "\n", 20000},
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        size_t lh = strlen(c[i].head), lr = strlen(c[i].rep);
        size_t lt = strlen(c[i].tail);
        size_t len = lh + lr * (size_t)c[i].n + lt;
        char *src = malloc(len + 1), *q = src;
        memcpy(q, c[i].head, lh);
        q += lh;
        for (int k = 0; k < c[i].n; k++, q += lr)
            memcpy(q, c[i].rep, lr);
        memcpy(q, c[i].tail, lt + 1);
        py_arena_t *arena = py_arena_new();
        py_ast_mod_t *m = py_parse_string(src, len, "<t>", PY_PARSE_EXEC,
                                          NULL, arena);
        CU_ASSERT_PTR_NOT_NULL(m);
        if (m == NULL) {
            py_err_clear();
        } else if (i == 0) {
            size_t depth = 0;
            for (py_ast_stmt_t *st = m->v.Module.body.items[0];
                 st->kind == PY_STMT_IF && st->v.If.orelse.n == 1;
                 st = st->v.If.orelse.items[0])
                depth++;
            CU_ASSERT_EQUAL(depth, (size_t)c[i].n + 1);   /* + the else */
        }
        free(src);
    }
}

/* A file with a BOM and a latin-1 declaration, through py_parse_file. */
static void test_file(void)
{
    char path[] = "/tmp/test_parser_XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    fputs("x = 1\ny = 'caf\xc3\xa9'\n", f);
    fclose(f);
    py_arena_t *arena = py_arena_new();
    py_ast_mod_t *m = py_parse_file(path, PY_PARSE_EXEC, NULL, arena);
    /* no declaration: a file must be ASCII */
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(py_err_matches(py_exc_SyntaxError_type));
    py_err_clear();
    f = fopen(path, "w");
    fputs("\xef\xbb\xbfx = 1\ny = u'caf\xc3\xa9'\n", f);
    fclose(f);
    m = py_parse_file(path, PY_PARSE_EXEC, NULL, arena);
    CU_ASSERT_PTR_NOT_NULL(m);
    if (m == NULL)
        py_err_clear();
    remove(path);
    m = py_parse_file(path, PY_PARSE_EXEC, NULL, arena);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(py_err_matches(py_exc_IOError_type));
    py_err_clear();
}

static void test_future_flags(void)
{
    py_arena_t *arena = py_arena_new();
    int flags = 0;
    const char *src = "'doc'\nfrom __future__ import division, "
                      "absolute_import\nfrom __future__ import "
                      "print_function\nprint(1)\n";
    py_ast_mod_t *m = py_parse_string(src, strlen(src), "<t>",
                                      PY_PARSE_EXEC, &flags, arena);
    CU_ASSERT_PTR_NOT_NULL(m);
    CU_ASSERT_EQUAL(flags, PY_FUTURE_DIVISION | PY_FUTURE_ABSOLUTE_IMPORT |
                               PY_FUTURE_PRINT_FUNCTION);
    int lineno = 0;
    flags = 0;
    CU_ASSERT_EQUAL(py_future_features(m, "<t>", &flags, &lineno), 0);
    CU_ASSERT_EQUAL(lineno, 3);
    /* inherited print_function makes `print` a name */
    flags = PY_FUTURE_PRINT_FUNCTION;
    src = "print(1, end='')\n";
    m = py_parse_string(src, strlen(src), "<t>", PY_PARSE_EXEC, &flags,
                        arena);
    CU_ASSERT_PTR_NOT_NULL(m);
    if (m == NULL)
        py_err_clear();
}

static int init(void)
{
    return py_runtime_init() < 0 ? -1 : 0;
}

static CU_TestInfo tests[] = {
    {"good", test_good},
    {"errors", test_errors},
    {"depth", test_depth},
    {"garbage", test_garbage},
    {"huge", test_huge},
    {"long_chains", test_long_chains},
    {"file", test_file},
    {"future_flags", test_future_flags},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("parser", tests, init, NULL)
