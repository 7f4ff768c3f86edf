from __future__ import division, absolute_import
import os
x = 1 / 2
x /= 3
y = 7 // 2
