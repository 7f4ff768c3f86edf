# classes, dicts and exceptions together: a tiny ledger
class InsufficientFunds(Exception):
    pass
class Account(object):
    _next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError('bad amount %r' % amount)
        self.balance += amount
        self.history.append(('dep', amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds('%s has %d, needs %d'
                                    % (self.owner, self.balance, amount))
        self.balance -= amount
        self.history.append(('wd', amount))
    def __repr__(self):
        return '<Account %d %s %d>' % (self.id, self.owner, self.balance)
class Bank(object):
    def __init__(self):
        self.accounts = {}
    def open(self, owner, initial=0):
        a = Account(owner, initial)
        self.accounts[a.id] = a
        return a
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except InsufficientFunds as e:
            print 'refused:', e
            return False
        except KeyError:
            print 'no account', src
            return False
        else:
            self.accounts[dst].deposit(amount)
            return True
        finally:
            print 'transfer', src, '->', dst, amount
    def total(self):
        return sum(a.balance for a in self.accounts.itervalues())
bank = Bank()
alice = bank.open('alice', 100)
bob = bank.open('bob', 50)
carol = bank.open('carol')
print bank.transfer(1, 2, 30), bank.transfer(2, 3, 100), bank.transfer(9, 1, 1)
print bank.transfer(3, 1, 0) if False else bank.transfer(2, 3, 80)
try:
    carol.deposit(-5)
except ValueError as e:
    print e
print sorted(bank.accounts.values(), key=lambda a: a.owner), bank.total()
print alice.history, bob.history, carol.history
