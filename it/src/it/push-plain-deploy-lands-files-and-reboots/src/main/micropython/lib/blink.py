import time

try:
    from machine import Pin
except ImportError:  # not on a board
    Pin = None


def blink(times, pin=2):
    if Pin is None:
        return
    led = Pin(pin, Pin.OUT)
    for _ in range(times):
        led.on()
        time.sleep_ms(100)
        led.off()
        time.sleep_ms(100)
