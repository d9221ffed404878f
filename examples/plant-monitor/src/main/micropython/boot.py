# Runs at every reset, before main.py: join WiFi and start the OTA server in the
# background so that `mvn ota:push` can always reach the board. OTAUpdater()
# reads WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD and DEVICE_NAME from ota_config.json.
# Needs _thread, which ESP32 and the Pico W have; ESP8266 firmware has none, so
# there the server cannot run beside main.py.
try:
    import _thread
    from ota import OTAUpdater
except ImportError as e:
    print("OTA server not installed:", e)
else:
    def _serve(updater):
        # A thread's exception would print a traceback; one line says what to fix.
        try:
            updater.start_server()
        except Exception as e:
            print("OTA server stopped:", e)

    # Here, not in the thread: OTAUpdater() finishes an update that a reset
    # interrupted, which must be done before main.py imports the files.
    try:
        updater = OTAUpdater()
    except Exception as e:
        print("OTA server not started:", e)
    else:
        _thread.start_new_thread(_serve, (updater,))
