print('not sent')
