# -*- coding: nonexistent-enc -*-
x = 1
