VERSION = 2
print('version', VERSION)
