from __future__ import nothing_at_all
