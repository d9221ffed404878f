VERSION = 1
print('greenhouse v1')
