# Runs at every reset, before main.py: join WiFi and start the OTA server in the
# background so that `mvn ota:push` can always reach the board. OTAUpdater()
# reads WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD and DEVICE_NAME from ota_config.json.
try:
    import _thread
    from ota import OTAUpdater

    _thread.start_new_thread(OTAUpdater().start_server, ())
except ImportError as e:
    print("OTA server not installed:", e)
