x = u'a' + U'b' + r'c' + R'd' + ur'e' + UR'f' + b'g' + B'h' + br'i' + BR'j'
