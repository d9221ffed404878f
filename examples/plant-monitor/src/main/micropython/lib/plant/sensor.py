from machine import ADC, Pin


class MoistureSensor:
    """A capacitive soil-moisture probe on an ADC pin, calibrated by its dry and wet readings."""

    def __init__(self, pin, dry_raw, wet_raw):
        self._adc = ADC(Pin(pin))
        try:
            self._adc.atten(ADC.ATTN_11DB)  # full 0-3.3 V range on ESP32
        except AttributeError:
            pass
        self._dry = dry_raw
        self._wet = wet_raw

    def read_raw(self, samples=8):
        total = 0
        for _ in range(samples):
            total += self._adc.read_u16() >> 4  # 12-bit scale, as the calibration figures
        return total // samples

    def read_percent(self):
        raw = self.read_raw()
        span = self._dry - self._wet
        percent = (self._dry - raw) * 100 // span
        return max(0, min(100, percent))
