package dev.warren.bridge.linux;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.NetworkMonitor;
import dev.warren.bridge.Platform;
import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.linux.nft.NftablesKillSwitch;
import dev.warren.core.spi.Bind;
import dev.warren.core.spi.TunDevice;

import java.io.IOException;

/** Linux: /dev/net/tun, UDP sockets and rtnetlink through JNA, resolvconf/resolvectl for DNS. */
public final class LinuxPlatform implements Platform {

    @Override
    public TunDevice createTun(String name) throws IOException {
        return LinuxTun.create(name);
    }

    @Override
    public Bind createBind() {
        return new LinuxBind();
    }

    @Override
    public NetworkConfigurator networkConfigurator() throws IOException {
        return new LinuxNetworkConfigurator();
    }

    @Override
    public NetworkMonitor networkMonitor() {
        return new LinuxNetworkMonitor();
    }

    @Override
    public DnsConfigurator dnsConfigurator() {
        return new LinuxDnsConfigurator();
    }

    @Override
    public KillSwitch killSwitch() {
        return new NftablesKillSwitch();
    }
}
