package dev.warren.bridge;

/**
 * An interface appeared, changed (MTU, admin state, carrier) or disappeared.
 *
 * @param up      administratively up (Linux IFF_UP)
 * @param running operationally up: carrier present (Linux IFF_RUNNING)
 * @param mtu     the MTU, or 0 if the notification did not carry it
 */
public record LinkEvent(int index, String name, int mtu, boolean up, boolean running, boolean deleted) {
}
