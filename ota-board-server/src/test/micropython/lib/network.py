# A stand-in for the firmware's network module, which MicroPython's WebAssembly build lacks: the station
# interface of the ESP32 port (MicroPython 1.20+: network.hostname(), the ESP32 status values), joined to a
# simulated radio that the tests set up with access_point().
#
# Like the firmware, the hostname is taken when the interface is activated or connects: one set later reaches
# neither the DHCP server nor mDNS (announced_hostname() tells what the board announced).

STA_IF = 0
AP_IF = 1

STAT_IDLE = 1000
STAT_CONNECTING = 1001
STAT_GOT_IP = 1010
STAT_BEACON_TIMEOUT = 200
STAT_NO_AP_FOUND = 201
STAT_WRONG_PASSWORD = 202
STAT_ASSOC_FAIL = 203
STAT_HANDSHAKE_TIMEOUT = 204

MAX_HOSTNAME = 32
OFFLINE = ("0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0")

# What the code under test did, in order, for the tests to print.
calls = []

_radio = {"networks": {}}
_sta = {"active": False, "status": STAT_IDLE, "target": None, "polls": 0, "config": OFFLINE, "joined_looks_left": None}
_names = {"hostname": "espressif", "announced": None}


def access_point(ssid, key, address="192.168.1.42", polls_to_join=3):
    """A network in range. polls_to_join: status queries until the join ends; None: it never ends."""
    _radio["networks"][ssid] = {"key": key, "address": address, "polls": polls_to_join}


def announced_hostname():
    return _names["announced"]


def hostname(name=None):
    if name is None:
        return _names["hostname"]
    _set_hostname(name)
    return None


def _set_hostname(name):
    # Also what WLAN.config(dhcp_hostname=...) does, which firmware older than 1.20 has instead of hostname().
    if not isinstance(name, str):
        raise TypeError("can't convert %s to str" % type(name).__name__)
    if len(name) > MAX_HOSTNAME:
        raise ValueError("hostname too long")
    calls.append("hostname(%r)" % name)
    _names["hostname"] = name


class WLAN:
    def __init__(self, interface=STA_IF):
        if interface != STA_IF:
            raise ValueError("this stand-in has the station interface only")
        calls.append("WLAN(STA_IF)")

    def active(self, is_active=None):
        if is_active is None:
            return _sta["active"]
        calls.append("active(%r)" % bool(is_active))
        if is_active and not _sta["active"]:
            _names["announced"] = _names["hostname"]
        _sta["active"] = bool(is_active)
        return None

    def connect(self, ssid=None, key=None, *, bssid=None):
        if not _sta["active"]:
            raise OSError("Wifi Not Started")
        calls.append("connect(%r, %r)" % (ssid, key))
        _names["announced"] = _names["hostname"]
        _sta["target"] = (ssid, key)
        _sta["polls"] = 0
        _sta["status"] = STAT_CONNECTING
        _sta["joined_looks_left"] = None

    def disconnect(self):
        calls.append("disconnect()")
        _sta["target"] = None
        if _sta["status"] == STAT_GOT_IP:
            # As on ESP32, leaving a joined network takes a while: the next look still finds the station
            # joined, the one after does not.
            _sta["joined_looks_left"] = 1
            return
        _sta["status"] = STAT_IDLE
        _sta["config"] = OFFLINE

    def status(self, param=None):
        if param is not None:
            raise ValueError("unknown status param")
        self._progress()
        return _sta["status"]

    def isconnected(self):
        self._progress()
        return _sta["status"] == STAT_GOT_IP

    def ifconfig(self, settings=None):
        if settings is not None:
            raise ValueError("this stand-in does not set static addresses")
        return _sta["config"]

    def config(self, *args, **kwargs):
        for name in kwargs:
            if name not in ("hostname", "dhcp_hostname"):
                raise ValueError("unknown config param")
            _set_hostname(kwargs[name])
        if args:
            if args[0] in ("hostname", "dhcp_hostname"):
                return _names["hostname"]
            raise ValueError("unknown config param")
        return None

    def _progress(self):
        # The radio moves on each time the board looks: a join takes a few polls, then ends one way or another.
        if _sta["joined_looks_left"] is not None:
            # After disconnect(): still joined for this many more looks, then not.
            if _sta["joined_looks_left"] > 0:
                _sta["joined_looks_left"] -= 1
                return
            _sta["joined_looks_left"] = None
            _sta["status"] = STAT_IDLE
            _sta["config"] = OFFLINE
            return
        if _sta["status"] != STAT_CONNECTING:
            return
        _sta["polls"] += 1
        ssid, key = _sta["target"]
        found = _radio["networks"].get(ssid)
        limit = found["polls"] if found else 3
        if limit is None or _sta["polls"] < limit:
            return
        if found is None:
            _sta["status"] = STAT_NO_AP_FOUND
        elif found["key"] != key:
            _sta["status"] = STAT_WRONG_PASSWORD
        else:
            _sta["status"] = STAT_GOT_IP
            _sta["config"] = (found["address"], "255.255.255.0", "192.168.1.1", "192.168.1.1")
