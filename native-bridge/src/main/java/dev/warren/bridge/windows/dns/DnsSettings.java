package dev.warren.bridge.windows.dns;

/**
 * The values of one {@code SetInterfaceDnsSettings} call: {@code DNS_INTERFACE_SETTINGS} version, flags and the two
 * comma-separated lists (empty strings clear them).
 */
public record DnsSettings(int version, long flags, String nameServer, String searchList) {
}
