def connect(ssid):
    return ssid
