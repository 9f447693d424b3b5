package dev.warren.bridge.watch;

/**
 * The interface a family's default traffic leaves by (outside every tunnel), and its MTU.
 *
 * @param interfaceIndex the OS interface index
 * @param name           its name, for the log
 * @param mtu            its MTU as last reported
 */
record Uplink(int interfaceIndex, String name, int mtu) {

    /** How the log names it: {@code eth0 (#2)}, or {@code interface #2} where the OS gave no name. */
    String label() {
        return name.isEmpty() ? "interface #" + interfaceIndex : name + " (#" + interfaceIndex + ")";
    }
}
