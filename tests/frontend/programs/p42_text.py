# string processing: word frequencies, formatting, joins
text = """The quick brown fox jumps over the lazy dog. The dog sleeps;
the fox runs away! A quick, quick fox."""
words = [w.strip('.,;!').lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
for w, n in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]:
    print '%-6s %s' % (w, '*' * n)
print ' '.join(reversed(words[:5])), '|'.join(sorted(set(words)))[:40]
print text.upper()[:20], text.count('the'), text.find('fox'), text.rfind('fox')
print [l.strip() for l in text.splitlines()], text.replace('fox', 'cat', 2)[:30]
print '{0} and {1} and {0}'.format('a', 'b'), '{x:>5}|{y:<4}|'.format(x=1, y='z')
print 'abc'.center(9, '*'), 'x'.zfill(4), '  s  '.strip(), 'A-B-C'.split('-', 1)
print ''.join(chr(ord(c) + 1) for c in 'HAL'), 'title case words'.title()
print 'a,b,,c'.split(','), 'a b  c'.split(), '%c%c' % (72, 'i'), str(1.5), unicode('u')
