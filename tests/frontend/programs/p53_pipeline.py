# generator pipelines with itertools (realistic data processing)
import itertools
log_lines = """\
2024-01-01 INFO start
2024-01-01 WARN disk 91%
2024-01-02 INFO job 1 done
2024-01-02 ERROR job 2 failed
2024-01-02 INFO job 3 done
2024-01-03 ERROR job 4 failed
2024-01-03 WARN disk 95%""".splitlines()
def parse(lines):
    for line in lines:
        date, level, msg = line.split(' ', 2)
        yield {'date': date, 'level': level, 'msg': msg}
def only(level, records):
    return (r for r in records if r['level'] == level)
errors = list(only('ERROR', parse(log_lines)))
print [e['msg'] for e in errors]
for date, group in itertools.groupby(parse(log_lines), key=lambda r: r['date']):
    levels = [r['level'] for r in group]
    print date, len(levels), sorted(set(levels))
print list(itertools.chain('ab', [1, 2])), list(itertools.product('ab', repeat=2))
print list(itertools.permutations('abc', 2))[:4], list(itertools.combinations(range(4), 3))
print list(itertools.takewhile(lambda x: x < 3, itertools.count())), list(itertools.repeat('r', 3))
print list(itertools.izip_longest('ab', 'xyz', fillvalue='-')), list(itertools.starmap(pow, [(2, 3)]))
def running_avg(nums):
    total = 0.0
    for i, n in enumerate(nums, 1):
        total += n
        yield total / i
print [round(x, 2) for x in running_avg([1, 2, 3, 4, 10])]
print sum(1 for _ in itertools.ifilter(None, [0, 1, 2, 0])), list(itertools.islice(itertools.cycle('xy'), 5))
