# Runs at every reset, before main.py: join WiFi and start the OTA server in the
# background so that `mvn ota:push` can always reach the board. OTAUpdater()
# reads WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD and DEVICE_NAME from ota_config.json.
try:
    import _thread
    from ota import OTAUpdater
except ImportError as e:
    print("OTA server not installed:", e)
else:
    def _serve():
        # A thread's exception would print a traceback; one line says what to fix.
        try:
            OTAUpdater().start_server()
        except Exception as e:
            print("OTA server stopped:", e)

    _thread.start_new_thread(_serve, ())
