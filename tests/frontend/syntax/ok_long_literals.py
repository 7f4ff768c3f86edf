x = 0777L + 0xffL + 10l
