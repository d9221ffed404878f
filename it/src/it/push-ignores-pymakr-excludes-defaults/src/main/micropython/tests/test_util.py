from lib.util import clamp

assert clamp(5, 0, 3) == 3
