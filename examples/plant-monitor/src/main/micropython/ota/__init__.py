# MicroPython OTA server for `mvn ota:push` (and any client of the socket OTA contract, v1).
#
#     from ota import OTAUpdater
#     OTAUpdater({"WIFI_SSID": "...", "WIFI_PASSWORD": "...", "OTA_PASSWORD": "...",
#                 "DEVICE_NAME": "myboard"}).start_server()
#
# With no argument the settings come from ota_config.json in the board's root (the folder the updates go to,
# by default the current one; the Java device runtime reads it there too), else from config.py: a dict named
# `config`, or module-level WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD and DEVICE_NAME. start_server() raises
# ota.wifi.WifiError, naming the WiFi status, when the board cannot join the network.
#
# Clients of protocol v2 (our plugin and CLI) are served too; OTAUpdater(..., v1=False), or "v1": false in
# ota_config.json, refuses every v1 client (docs/PROTOCOL.md, "Turning v1 off").

from .memory import forget
from .protocol import PORT
from .server import Server, _log

__version__ = "1.0.0"


class OTAUpdater:
    def __init__(self, config=None, port=PORT, root=None, log=_log, v1=None):
        from .settings import load
        self.config = load(config, root)
        # The argument wins over the settings; neither: v1 stays on, as every reference client needs it.
        self.v1 = v1 if v1 is not None else self.config.get("v1", True)
        self.port = port
        self.root = root
        self.log = log
        # An update that a reset interrupted is finished (or discarded) before anything else runs.
        from .update import recover
        recover(root if root is not None else _cwd(), log)
        # Loaded for the boot only: the heap is the application's until a client comes (memory.py).
        forget("settings", "update", "paths", "files")

    def connect_wifi(self):
        from . import wifi
        return wifi.connect(self.config["WIFI_SSID"], self.config["WIFI_PASSWORD"],
                            self.config.get("DEVICE_NAME"), log=self.log)

    def start_server(self):
        self.connect_wifi()
        Server(self.config["OTA_PASSWORD"], root=self.root, port=self.port, log=self.log, v1=self.v1).serve_forever()


def _cwd():
    import os
    return os.getcwd()
