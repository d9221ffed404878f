def blink(times):
    pass
