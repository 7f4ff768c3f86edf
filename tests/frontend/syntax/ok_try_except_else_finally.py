try:
    pass
except (A, B), e:
    pass
except C as (d, e):
    pass
else:
    pass
finally:
    pass
