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

from .protocol import PORT
from .server import Server, _log
from .update import recover

__version__ = "1.0.0"

KEYS = ("WIFI_SSID", "WIFI_PASSWORD", "OTA_PASSWORD", "DEVICE_NAME")
REQUIRED = ("WIFI_SSID", "WIFI_PASSWORD", "OTA_PASSWORD")


class OTAUpdater:
    def __init__(self, config=None, port=PORT, root=None, log=_log):
        self.config = _settings(config, root)
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


def _settings(config, root):
    where = "the dict passed to OTAUpdater"
    if config is None:
        # The settings travel with the pushed files, so they are read from where the files go.
        path = CONFIG_FILE if root is None else root.rstrip("/") + "/" + CONFIG_FILE
        config = _config_file(path)
        where = path
    if config is None:
        try:
            import config as module
        except ImportError:
            raise ValueError("OTAUpdater needs its settings: pass a dict, OTAUpdater({'WIFI_SSID': ..., "
                             "'WIFI_PASSWORD': ..., 'OTA_PASSWORD': ..., 'DEVICE_NAME': ...}), or put them in "
                             + CONFIG_FILE + " or config.py")
        where = "config.py"
        config = getattr(module, "config", None)
        if config is None:
            config = {k: getattr(module, k) for k in KEYS if hasattr(module, k)}
    if not isinstance(config, dict):
        raise ValueError("the OTAUpdater settings in %s must be a dict with the keys %s" % (where, ", ".join(KEYS)))
    missing = [k for k in REQUIRED if not config.get(k)]
    if missing:
        raise ValueError("the OTAUpdater settings in %s lack %s (expected keys: %s)"
                         % (where, ", ".join(missing), ", ".join(KEYS)))
    for k in KEYS:
        # Not echoed: a password must not end up in the log.
        if config.get(k) is not None and not isinstance(config[k], str):
            raise ValueError("the OTAUpdater settings in %s: %s must be text (in quotes), not %s"
                             % (where, k, type(config[k]).__name__))
    return config


def _config_file(path):
    import json
    try:
        f = open(path)
    except OSError:
        return None
    try:
        config = json.load(f)
    except ValueError:
        raise ValueError(path + " is not valid JSON; it must be an object with the keys " + ", ".join(KEYS))
    finally:
        f.close()
    if not isinstance(config, dict):
        raise ValueError(path + " must be a JSON object with the keys " + ", ".join(KEYS))
    return config
