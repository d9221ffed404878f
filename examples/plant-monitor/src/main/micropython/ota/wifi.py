# Joins the WiFi network as a station and sets the hostname, so that the board answers at
# DEVICE_NAME.local (the firmware's mDNS responder announces the hostname).

import time

CONNECT_TIMEOUT_MS = 20000


class WifiError(Exception):
    pass


def connect(ssid, password, hostname=None, timeout_ms=CONNECT_TIMEOUT_MS, log=print):
    import network
    if hostname:
        _set_hostname(network, hostname, log)
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    if hostname and not hasattr(network, "hostname"):
        # Firmware older than 1.20 names the host per interface.
        try:
            wlan.config(dhcp_hostname=hostname)
        except (ValueError, OSError) as e:
            log("could not set the hostname %r: %s" % (hostname, e))
    if not wlan.isconnected():
        log("joining WiFi %r" % ssid)
        wlan.connect(ssid, password)
        start = time.ticks_ms()
        while not wlan.isconnected():
            if time.ticks_diff(time.ticks_ms(), start) > timeout_ms:
                status = wlan.status()
                wlan.disconnect()
                raise WifiError("could not join WiFi %r within %d s (status %s); check WIFI_SSID and "
                                "WIFI_PASSWORD and that the network is in range" % (ssid, timeout_ms // 1000, status))
            time.sleep_ms(200)
    address = wlan.ifconfig()[0]
    log("WiFi %r joined: %s%s" % (ssid, address, " (%s.local)" % hostname if hostname else ""))
    return address


def _set_hostname(network, hostname, log):
    try:
        network.hostname(hostname)
    except AttributeError:
        pass  # set on the interface instead, once it is active
    except (ValueError, OSError) as e:
        log("could not set the hostname %r: %s" % (hostname, e))
