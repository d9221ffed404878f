package io.github.mpota.runtime.wifi;

import io.github.mpota.runtime.flash.BoardPreset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The simulated station interface ({@code network.WLAN(network.STA_IF)}): it joins one of the networks described
 * as in reach, with the board's argument checks, and reports its status, hostname and address as the board does.
 */
public final class StationInterface {

    /** 802.11 limits an SSID to 32 bytes. */
    public static final int MAX_SSID_BYTES = 32;
    /** WPA2-PSK passphrases are 8 to 63 characters. */
    public static final int MIN_PASSPHRASE = 8;
    public static final int MAX_PASSPHRASE = 63;
    /** MicroPython's MICROPY_PY_NETWORK_HOSTNAME_MAX_LEN. */
    public static final int MAX_HOSTNAME = 32;

    private final BoardPreset.Port port;
    private final List<Network> inReach;
    private final String address;
    private WlanStatus status = WlanStatus.IDLE;
    private String hostname;
    private String ssid;

    /**
     * @param inReach the networks the board can see
     * @param address the address the board gets once connected (the runtime's bind address)
     */
    public StationInterface(BoardPreset.Port port, List<Network> inReach, String address) {
        this.port = Objects.requireNonNull(port, "port");
        this.inReach = List.copyOf(inReach);
        this.address = Objects.requireNonNull(address, "address");
        this.hostname = port.defaultHostname();
    }

    /** {@code network.hostname(name)}. */
    public synchronized void hostname(String name) throws WifiException {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_HOSTNAME) {
            throw new WifiException("hostname '" + name + "' must be 1 to " + MAX_HOSTNAME + " bytes long");
        }
        hostname = name;
    }

    public synchronized String hostname() {
        return hostname;
    }

    /**
     * {@code wlan.connect(ssid, key)}: argument errors are raised at once, as the board raises them; otherwise the
     * interface ends in {@link WlanStatus#GOT_IP}, {@link WlanStatus#NO_AP_FOUND} or
     * {@link WlanStatus#WRONG_PASSWORD}.
     */
    public synchronized WlanStatus connect(String wantedSsid, String key) throws WifiException {
        Objects.requireNonNull(wantedSsid, "ssid");
        String passphrase = key == null ? "" : key;
        int ssidBytes = wantedSsid.getBytes(StandardCharsets.UTF_8).length;
        if (ssidBytes < 1 || ssidBytes > MAX_SSID_BYTES) {
            throw new WifiException("WIFI_SSID '" + wantedSsid + "' is " + ssidBytes + " bytes; an SSID is 1 to "
                    + MAX_SSID_BYTES + " bytes");
        }
        if (!passphrase.isEmpty()
                && (passphrase.length() < MIN_PASSPHRASE || passphrase.length() > MAX_PASSPHRASE)) {
            throw new WifiException("WIFI_PASSWORD is " + passphrase.length() + " characters; a WPA2 passphrase is "
                    + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE + " characters (or empty for an open network)");
        }
        status = WlanStatus.CONNECTING;
        ssid = wantedSsid;
        Network found = null;
        for (Network n : inReach) {
            if (n.ssid().equals(wantedSsid)) {
                found = n;
                break;
            }
        }
        if (found == null) {
            status = WlanStatus.NO_AP_FOUND;
        } else if (!found.passphrase().equals(passphrase)) {
            status = WlanStatus.WRONG_PASSWORD;
        } else {
            status = WlanStatus.GOT_IP;
        }
        return status;
    }

    /** {@code wlan.disconnect()}, as a reset leaves the interface. */
    public synchronized void disconnect() {
        status = WlanStatus.IDLE;
        ssid = null;
    }

    public synchronized WlanStatus status() {
        return status;
    }

    /** {@code wlan.status()} as the number the board's port returns. */
    public synchronized int statusCode() {
        return status.code(port);
    }

    public synchronized boolean isconnected() {
        return status == WlanStatus.GOT_IP;
    }

    public synchronized String ssid() {
        return ssid;
    }

    /** {@code wlan.ifconfig()}: the address once connected, zeros before. */
    public synchronized IfConfig ifconfig() {
        if (status != WlanStatus.GOT_IP) {
            return IfConfig.UNCONFIGURED;
        }
        String gateway = address;
        int dot = address.lastIndexOf('.');
        if (dot > 0 && address.indexOf(':') < 0) {
            gateway = address.substring(0, dot) + ".1";
        }
        return new IfConfig(address, "255.255.255.0", gateway, gateway);
    }
}
