package dev.warren.app.userspace;

import dev.warren.bridge.LinkEvent;
import dev.warren.bridge.NetworkListener;
import dev.warren.bridge.RouteEvent;
import dev.warren.core.device.Device;

/**
 * Keeps a device's idea of the MTU equal to its interface's: whoever configures the interface (wg-quick, ip
 * link) sets the MTU after the daemon created it, and padding must never take a packet beyond it.
 */
final class MtuFollower implements NetworkListener {

    private final String interfaceName;
    private final Device device;

    MtuFollower(String interfaceName, Device device) {
        this.interfaceName = interfaceName;
        this.device = device;
    }

    @Override
    public void linkChanged(LinkEvent event) {
        if (!event.deleted() && event.mtu() > 0 && event.name().equals(interfaceName)) {
            device.setMtu(event.mtu());
        }
    }

    @Override
    public void routeChanged(RouteEvent event) {
    }

    @Override
    public void eventsLost() {
        // The monitor replays the current links next, which brings the MTU up to date.
    }
}
