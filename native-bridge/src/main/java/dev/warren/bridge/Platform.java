package dev.warren.bridge;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.linux.LinuxPlatform;
import dev.warren.bridge.windows.WindowsPlatform;
import dev.warren.core.spi.Bind;
import dev.warren.core.spi.TunDevice;

import java.io.IOException;
import java.util.Locale;

/**
 * The operating system's implementations of the tunnel's moving parts. {@link #current()} picks them by
 * {@code os.name}; everything above native-bridge goes through this interface only.
 */
public interface Platform {

    /** The implementation for the running OS. */
    static Platform current() {
        return forOsName(System.getProperty("os.name", ""));
    }

    /**
     * The implementation for an OS named as {@code os.name} names it.
     *
     * @throws UnsupportedOperationException naming the OS if Warren has no implementation for it
     */
    static Platform forOsName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return new LinuxPlatform();
        }
        if (os.startsWith("windows")) {
            return new WindowsPlatform();
        }
        throw new UnsupportedOperationException("Warren runs on Linux and Windows; this system is '" + osName + "'");
    }

    /** Creates the tunnel interface called {@code name}, down and without addresses. */
    TunDevice createTun(String name) throws IOException;

    /** A UDP bind, not yet open. */
    Bind createBind();

    /** Configures addresses, routes, MTU, link state and policy rules; close it when done. */
    NetworkConfigurator networkConfigurator() throws IOException;

    NetworkMonitor networkMonitor();

    DnsConfigurator dnsConfigurator();

    /**
     * How a full tunnel keeps its own encrypted UDP out of the tunnel: true (wg-quick's way, Linux) where that is a
     * firewall mark plus policy rules; a platform whose bind pins its socket to the uplink instead, with default
     * routes in the one main table, returns false (Windows, whose configurator refuses policy rules).
     */
    default boolean routesByFwmark() {
        return true;
    }

    /** Blocks untunneled traffic while a tunnel with the switch on runs (nftables on Linux, WFP on Windows). */
    KillSwitch killSwitch();
}
