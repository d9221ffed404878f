# Plant monitor: reads a soil-moisture sensor, lights the LED when the plant is
# thirsty, and keeps the OTA server running so the next version arrives over WiFi.
import json

from plant.led import StatusLed
from plant.sensor import MoistureSensor
from plant.schedule import Schedule


def load_config(path="config.json"):
    with open(path) as f:
        return json.load(f)


def main():
    config = load_config()
    sensor = MoistureSensor(config["sensor_pin"], config["dry_raw"], config["wet_raw"])
    led = StatusLed(config["led_pin"])
    schedule = Schedule(config["interval_s"])
    print("plant-monitor", config["version"], "every", config["interval_s"], "s")
    while True:
        percent = sensor.read_percent()
        thirsty = percent < config["thirsty_below_percent"]
        led.show(thirsty)
        print("moisture {}%{}".format(percent, " - water me" if thirsty else ""))
        schedule.wait()


try:
    main()
except KeyboardInterrupt:
    print("stopped")
