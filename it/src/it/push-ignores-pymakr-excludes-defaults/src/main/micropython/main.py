from lib.util import clamp

print(clamp(140, 0, 100))
