from machine import Pin


class StatusLed:
    """The board LED: on while the plant needs water."""

    def __init__(self, pin):
        self._pin = Pin(pin, Pin.OUT)

    def show(self, on):
        self._pin.value(1 if on else 0)
