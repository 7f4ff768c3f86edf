import os
import os.path
import os.path as p
import a.b.c as d
from os import path
from os import path as q, sep
from . import sibling
from .. import parent
from .mod import name
from os.path import *
