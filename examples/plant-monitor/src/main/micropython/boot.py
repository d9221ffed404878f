# Runs at every reset, before main.py: join WiFi and start the OTA server in the
# background so that `mvn ota:push` can always reach the board.
import json

try:
    import _thread
    from ota import OTAUpdater

    with open("ota_config.json") as f:
        _ota = OTAUpdater(json.load(f))
    _thread.start_new_thread(_ota.start_server, ())
except ImportError as e:
    print("OTA server not installed:", e)
