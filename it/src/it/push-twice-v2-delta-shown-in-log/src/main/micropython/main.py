VERSION = 1
print('version', VERSION)
