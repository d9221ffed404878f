package io.github.mpota.runtime.wifi;

/** What {@code WLAN.ifconfig()} returns: (ip, subnet, gateway, dns). */
public record IfConfig(String ip, String subnet, String gateway, String dns) {

    public static final IfConfig UNCONFIGURED = new IfConfig("0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0");

    /** As the board prints the tuple: {@code ('192.168.1.20', '255.255.255.0', '192.168.1.1', '192.168.1.1')}. */
    @Override
    public String toString() {
        return "('" + ip + "', '" + subnet + "', '" + gateway + "', '" + dns + "')";
    }
}
