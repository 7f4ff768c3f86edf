# a small expression tokenizer, parser and evaluator (realistic program)
import re
TOKEN = re.compile(r'\s*(?:(\d+\.?\d*)|(.))')
class Parser(object):
    def __init__(self, text):
        self.tokens = [(n, o) for n, o in TOKEN.findall(text)]
        self.pos = 0
    def peek(self):
        if self.pos < len(self.tokens):
            return self.tokens[self.pos]
        return (None, None)
    def take(self):
        t = self.peek()
        self.pos += 1
        return t
    def expr(self):
        v = self.term()
        while self.peek()[1] in ('+', '-'):
            op = self.take()[1]
            r = self.term()
            v = ('add' if op == '+' else 'sub', v, r)
        return v
    def term(self):
        v = self.factor()
        while self.peek()[1] in ('*', '/', '%'):
            op = self.take()[1]
            v = ({'*': 'mul', '/': 'div', '%': 'mod'}[op], v, self.factor())
        return v
    def factor(self):
        num, op = self.take()
        if num:
            return ('num', float(num) if '.' in num else int(num))
        if op == '-':
            return ('neg', self.factor())
        if op == '(':
            v = self.expr()
            if self.take()[1] != ')':
                raise SyntaxError('expected )')
            return v
        raise SyntaxError('unexpected %r' % (op,))
OPS = {'add': lambda a, b: a + b, 'sub': lambda a, b: a - b,
       'mul': lambda a, b: a * b, 'div': lambda a, b: a / b,
       'mod': lambda a, b: a % b}
def evaluate(node):
    kind = node[0]
    if kind == 'num':
        return node[1]
    if kind == 'neg':
        return -evaluate(node[1])
    return OPS[kind](evaluate(node[1]), evaluate(node[2]))
for text in ['1 + 2 * 3', '(1 + 2) * 3', '-4 % 3', '10 / 4', '10.0 / 4',
             '2 * (3 + (4 - 1)) * -1', '1 +', '(1', '7 % 0']:
    try:
        tree = Parser(text).expr()
        print '%-25s %-10r %s' % (text, evaluate(tree), tree)
    except SyntaxError as e:
        print '%-25s SyntaxError %s' % (text, e)
    except ZeroDivisionError as e:
        print '%-25s ZeroDivisionError' % text
