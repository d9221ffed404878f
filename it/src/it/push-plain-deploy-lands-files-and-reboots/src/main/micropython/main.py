from lib.blink import blink

print('plant monitor starting')
blink(3)
