# Joins the WiFi network as a station and sets the hostname, so that the board answers at
# DEVICE_NAME.local (the firmware's mDNS responder announces the hostname).

import time

CONNECT_TIMEOUT_MS = 20000
POLL_MS = 200

# Statuses in which the firmware is still at it (or done); any other STAT_ the port names means it gave up.
_UNDECIDED = ("STAT_IDLE", "STAT_CONNECTING", "STAT_GOT_IP")
# What a given-up join means and what to check, by status name.
_GAVE_UP = {
    "STAT_WRONG_PASSWORD": ("the network refused the password", "check WIFI_PASSWORD"),
    "STAT_NO_AP_FOUND": ("no network of that name answered",
                         "check WIFI_SSID and that the board is in range of the network"),
}
_GAVE_UP_OTHERWISE = ("the network refused the connection", "check WIFI_SSID and WIFI_PASSWORD")


class WifiError(Exception):
    pass


def connect(ssid, password, hostname=None, timeout_ms=CONNECT_TIMEOUT_MS, log=print):
    import network
    previous = None
    if hostname:
        # Before the interface is active: the firmware takes the hostname for DHCP and mDNS when it connects.
        previous = _set_hostname(network, hostname, log)
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    if hostname and not hasattr(network, "hostname"):
        # Firmware older than 1.20 names the host per interface.
        try:
            wlan.config(dhcp_hostname=hostname)
        except (ValueError, OSError) as e:
            log("could not set the hostname %r: %s" % (hostname, e))
    join = not wlan.isconnected()
    if not join and previous is not None and previous != hostname:
        # Joined earlier (boot.py's own WiFi code) under another name, which the network keeps until the next join.
        log("WiFi was joined as %r; joining again so that the board answers at %s.local" % (previous, hostname))
        wlan.disconnect()
        # Not asked again: on ESP32 isconnected() reads True for a while after disconnect().
        join = True
    if join:
        log("joining WiFi %r" % ssid)
        wlan.connect(ssid, password)
        _await_join(network, wlan, ssid, timeout_ms)
    address = wlan.ifconfig()[0]
    log("WiFi %r joined: %s%s" % (ssid, address, " (%s.local)" % hostname if hostname else ""))
    return address


def _await_join(network, wlan, ssid, timeout_ms):
    names = _status_names(network)
    start = time.ticks_ms()
    while not wlan.isconnected():
        status = wlan.status()
        name = names.get(status)
        if name is not None and name not in _UNDECIDED:
            # A wrong password or a missing network does not get better by waiting out the timeout.
            wlan.disconnect()
            what, check = _GAVE_UP.get(name, _GAVE_UP_OTHERWISE)
            raise WifiError("could not join WiFi %r: %s (%s); %s" % (ssid, what, name, check))
        if time.ticks_diff(time.ticks_ms(), start) >= timeout_ms:
            wlan.disconnect()
            raise WifiError("could not join WiFi %r within %s (status %s); check WIFI_SSID and WIFI_PASSWORD and "
                            "that the board is in range of the network" % (ssid, _duration(timeout_ms), name or status))
        time.sleep_ms(POLL_MS)


def _status_names(network):
    # The values differ between ports (ESP32 201, ESP8266 3, Pico W -2 for a missing network), the names do not.
    names = {}
    for name in dir(network):
        if name.startswith("STAT_"):
            names[getattr(network, name)] = name
    return names


def _duration(ms):
    return "%d s" % (ms // 1000) if ms % 1000 == 0 else "%d ms" % ms


def _set_hostname(network, hostname, log):
    # Returns the hostname the board had before, when it had one and the new one took.
    try:
        previous = network.hostname()
        network.hostname(hostname)
        return previous
    except AttributeError:
        return None  # set on the interface instead, once it is active
    except (ValueError, OSError) as e:
        log("could not set the hostname %r: %s" % (hostname, e))
        return None
