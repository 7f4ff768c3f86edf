x = u'\N{'
