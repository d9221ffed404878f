from lib.drivers import bme280

print("temperature", bme280.read())
