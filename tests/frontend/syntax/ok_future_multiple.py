"""doc"""
from __future__ import division
from __future__ import (absolute_import,
    print_function)
print(1 / 2)
