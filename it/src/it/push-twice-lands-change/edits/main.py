VERSION = 2
print('greenhouse v2: the fan follows the temperature')
