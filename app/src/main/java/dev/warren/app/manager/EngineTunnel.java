package dev.warren.app.manager;

import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.bridge.PolicyRule;
import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.PeerConfig;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.device.Device;
import dev.warren.core.device.Peer;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A tunnel {@link EngineTunnelDriver} started: its engine device and what it changed on the system. */
final class EngineTunnel implements RunningTunnel {
    private final TunnelConfig config;
    private final Device device;
    private final EngineTunnelDriver driver;
    private final TunnelResources resources;
    private final KillSwitchSetting killSwitch;
    private final KillSwitch.Active blocking;
    private final TunnelEvents events;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Closeable watch;

    /** @param blocking the installed kill-switch, null when the setting does not block */
    EngineTunnel(TunnelConfig config, Device device, EngineTunnelDriver driver, TunnelResources resources,
            KillSwitchSetting killSwitch, KillSwitch.Active blocking, TunnelEvents events) {
        this.config = config;
        this.device = device;
        this.driver = driver;
        this.resources = resources;
        this.killSwitch = killSwitch;
        this.blocking = blocking;
        this.events = events;
    }

    /** Follows the network through the manager's watcher (issue 10) until stopped. */
    void watch(Closeable registration) {
        watch = registration;
    }

    /** The watcher saw the interface deleted: from outside ({@code ip link del}) unless we are stopping. */
    void interfaceDeleted() {
        if (!stopping.get()) {
            events.failed("the interface " + resources.interfaceName() + " was deleted outside Warren");
        }
    }

    @Override
    public TunnelResources resources() {
        return resources;
    }

    @Override
    public TunnelRuntime runtime() {
        List<PeerRuntime> peers = new ArrayList<>();
        for (PeerConfig pc : config.peers()) {
            Peer p = device.peer(pc.publicKey());
            if (p == null) {
                continue;
            }
            Instant hs = p.lastHandshake();
            peers.add(new PeerRuntime(pc.publicKey().toBase64(), p.presharedKey() != null,
                    p.endpoint() == null ? null : DeviceEventLog.endpoint(p.endpoint()),
                    device.allowedIps(p).stream().map(IpNetwork::toString).toList(),
                    hs == null ? 0 : hs.toEpochMilli(), p.rxBytes(), p.txBytes(), p.persistentKeepalive()));
        }
        List<String> dns = new ArrayList<>();
        config.interfaceConfig().dnsServers().forEach(s -> dns.add(IpNetwork.format(s)));
        dns.addAll(config.interfaceConfig().dnsSearchDomains());
        return new TunnelRuntime(resources.tunnel(), device.publicKey().toBase64(), device.listenPort(), device.mtu(),
                config.interfaceConfig().addresses().stream().map(IpNetwork::toString).toList(), dns, peers,
                killSwitch.describe());
    }

    /**
     * wg-quick's down: PreDown, DNS, policy rules, the interface (and with it its routes), PostDown; the
     * kill-switch last, so nothing leaks while the rest comes down.
     */
    @Override
    public void stop() throws TunnelException {
        stopping.set(true);
        String ifname = resources.interfaceName();
        List<String> problems = new ArrayList<>();
        try {
            ScriptRunner.run("PreDown", config.interfaceConfig().preDown(), ifname, events);
        } catch (TunnelException e) {
            problems.add(e.getMessage());
        }
        if (resources.dnsConfigured()) {
            try {
                driver.dns().clear(ifname);
            } catch (IOException e) {
                problems.add("removing DNS: " + e.getMessage());
            }
        }
        for (PolicyRule r : resources.policyRules()) {
            try {
                driver.removeRule(r);
            } catch (IOException e) {
                problems.add("removing rule " + r + ": " + e.getMessage());
            }
        }
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException e) {
            problems.add("stopping the interface watch: " + e.getMessage());
        }
        try {
            device.close();
        } catch (IOException e) {
            problems.add("closing the interface: " + e.getMessage());
        }
        try {
            ScriptRunner.run("PostDown", config.interfaceConfig().postDown(), ifname, events);
        } catch (TunnelException e) {
            problems.add(e.getMessage());
        }
        if (blocking != null) {
            try {
                blocking.close();
            } catch (IOException e) {
                problems.add("removing the kill-switch: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new TunnelException(String.join("; ", problems));
        }
    }
}
