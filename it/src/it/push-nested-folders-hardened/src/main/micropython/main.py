from lib.vendor.sensors.bme280 import BME280
import json

with open('app/config/defaults/settings.json') as f:
    settings = json.load(f)
print(BME280(settings['i2c_address']).read())
