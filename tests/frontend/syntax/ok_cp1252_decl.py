# coding=cp1252
x = u'€'
