x = '\a\b\f\n\r\t\v\0\x7f\777\q\
'
