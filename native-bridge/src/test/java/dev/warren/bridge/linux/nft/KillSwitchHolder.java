package dev.warren.bridge.linux.nft;

import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;

/**
 * A stand-in manager for the crash test: installs a kill-switch on {@code tun0} in the namespace named by the
 * argument, says so, and waits to be killed.
 */
public final class KillSwitchHolder {

    private KillSwitchHolder() {
    }

    public static void main(String[] args) throws Exception {
        KillSwitchPolicy policy = new KillSwitchPolicy("tun0", OptionalLong.empty(),
                List.of(new InetSocketAddress(IpNetwork.parseLiteral(args[1]), 51820)), OptionalLong.empty(),
                List.of(), false, List.of());
        new NftablesKillSwitch(new NftCommand(List.of("ip", "netns", "exec", args[0], "nft"))).install(policy);
        System.out.println("installed");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
