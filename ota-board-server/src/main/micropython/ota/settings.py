# The OTAUpdater settings: WiFi network, OTA password and device name, from a dict, ota_config.json or config.py,
# checked by the same rules at boot and when an update brings a new ota_config.json.

from .protocol import CONFIG_FILE

KEYS = ("WIFI_SSID", "WIFI_PASSWORD", "OTA_PASSWORD", "DEVICE_NAME")
# Optional: false turns protocol v1 off (only v2 clients are served, docs/PROTOCOL.md "Turning v1 off").
V1 = "v1"
REQUIRED = ("WIFI_SSID", "WIFI_PASSWORD", "OTA_PASSWORD")


def load(config, root):
    where = "the dict passed to OTAUpdater"
    if config is None:
        # The settings travel with the pushed files, so they are read from where the files go.
        path = CONFIG_FILE if root is None else root.rstrip("/") + "/" + CONFIG_FILE
        config = read(path)
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
    return check(config, where)


def check(config, where):
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
    if V1 in config and type(config[V1]) is not bool:
        raise ValueError("the OTAUpdater settings in %s: v1 must be true or false" % where)
    return config


def read(path, name=None):
    # The JSON object in the file at path, or None when there is no such file; name is the file in messages.
    import json
    name = name or path
    try:
        f = open(path)
    except OSError:
        return None
    try:
        config = json.load(f)
    except ValueError:
        raise ValueError(name + " is not valid JSON; it must be an object with the keys " + ", ".join(KEYS))
    finally:
        f.close()
    if not isinstance(config, dict):
        raise ValueError(name + " must be a JSON object with the keys " + ", ".join(KEYS))
    return config
