# MicroPython OTA server for `mvn ota:push` (and any client of the socket OTA contract, v1).
#
#     from ota import OTAUpdater
#     OTAUpdater({"WIFI_SSID": "...", "WIFI_PASSWORD": "...", "OTA_PASSWORD": "...",
#                 "DEVICE_NAME": "myboard"}).start_server()
#
# With no argument the settings come from ota_config.json on the board (the file the Java device runtime
# reads too), else from config.py: a dict named `config`, or module-level WIFI_SSID, WIFI_PASSWORD,
# OTA_PASSWORD and DEVICE_NAME.

from .protocol import PORT
from .server import Server, _log
from .update import recover

__version__ = "1.0.0"

KEYS = ("WIFI_SSID", "WIFI_PASSWORD", "OTA_PASSWORD", "DEVICE_NAME")
REQUIRED = ("WIFI_SSID", "WIFI_PASSWORD", "OTA_PASSWORD")


class OTAUpdater:
    def __init__(self, config=None, port=PORT, root=None, log=_log):
        self.config = _settings(config)
        self.port = port
        self.root = root
        self.log = log
        # An update that a reset interrupted is finished (or discarded) before anything else runs.
        recover(root if root is not None else _cwd(), log)

    def connect_wifi(self):
        from . import wifi
        return wifi.connect(self.config["WIFI_SSID"], self.config["WIFI_PASSWORD"],
                            self.config.get("DEVICE_NAME"), log=self.log)

    def start_server(self):
        self.connect_wifi()
        Server(self.config["OTA_PASSWORD"], root=self.root, port=self.port, log=self.log).serve_forever()


def _cwd():
    import os
    return os.getcwd()


CONFIG_FILE = "ota_config.json"


def _settings(config):
    if config is None:
        config = _config_file()
    if config is None:
        try:
            import config as module
        except ImportError:
            raise ValueError("OTAUpdater needs its settings: pass a dict, OTAUpdater({'WIFI_SSID': ..., "
                             "'WIFI_PASSWORD': ..., 'OTA_PASSWORD': ..., 'DEVICE_NAME': ...}), or put them in "
                             + CONFIG_FILE + " or config.py")
        config = getattr(module, "config", None)
        if config is None:
            config = {k: getattr(module, k) for k in KEYS if hasattr(module, k)}
    missing = [k for k in REQUIRED if not config.get(k)]
    if missing:
        raise ValueError("OTAUpdater config is missing %s (expected keys: %s)" % (", ".join(missing), ", ".join(KEYS)))
    return config


def _config_file():
    import json
    try:
        f = open(CONFIG_FILE)
    except OSError:
        return None
    try:
        config = json.load(f)
    except ValueError:
        raise ValueError(CONFIG_FILE + " is not valid JSON; it must be an object with the keys " + ", ".join(KEYS))
    finally:
        f.close()
    if not isinstance(config, dict):
        raise ValueError(CONFIG_FILE + " must be a JSON object with the keys " + ", ".join(KEYS))
    return config
