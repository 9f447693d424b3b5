package dev.warren.app.manager;

import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import java.util.List;

/**
 * Brings a tunnel up on this machine and down again: the engine {@code Device} plus the operating system's
 * interface, addresses, routes, MTU, DNS and scripts. The {@link TunnelSupervisor} decides when; a driver knows
 * how.
 */
public interface TunnelDriver {

    /**
     * Runs the whole start sequence (resolve endpoints, create the interface, PreUp, configure the device,
     * addresses, routes, MTU, DNS, PostUp), with the kill-switch installed before the device is configured when
     * the setting blocks untunneled traffic. On failure it undoes every step already done before throwing; a
     * kill-switch that cannot be installed is such a failure.
     *
     * @param killSwitch the tunnel's kill-switch setting, as stored with its config
     * @param events where the running tunnel logs, and reports that it broke on its own (the supervisor then
     *               stops it)
     * @throws TunnelException naming the step that failed and why
     */
    RunningTunnel start(TunnelName name, TunnelConfig config, KillSwitchSetting killSwitch, TunnelEvents events)
            throws TunnelException;

    /**
     * Removes what a previous manager process set up for a tunnel and could not take down because it was killed
     * (interface, policy-routing rules, DNS). Leftovers that are already gone are not an error.
     *
     * @return what was reverted beyond removing rules, one line each for the log
     */
    List<String> cleanUp(TunnelResources leftovers) throws TunnelException;

    /**
     * Removes a kill-switch a killed manager process left installed (it keeps blocking the machine's traffic
     * until removed).
     *
     * @return whether there was one
     */
    boolean removeLeftoverKillSwitch() throws TunnelException;
}
