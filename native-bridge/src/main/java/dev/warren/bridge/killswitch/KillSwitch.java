package dev.warren.bridge.killswitch;

/**
 * Blocks all traffic of this machine (on Linux: of the network namespace the manager runs in) that does not go
 * through the tunnel, with the exceptions a {@link KillSwitchPolicy} lists. One implementation per operating
 * system: nftables on Linux, the Windows Filtering Platform on Windows.
 *
 * <p>At most one kill-switch is active at a time: two would each block the other's tunnel.
 */
public interface KillSwitch {

    /**
     * Installs the policy atomically: either all of it is in force when this returns, or nothing was changed.
     *
     * @return the installed kill-switch; {@link Active#close()} removes it
     * @throws KillSwitchException naming what is missing or what the operating system refused; the tunnel must
     *                             then fail to start
     */
    Active install(KillSwitchPolicy policy) throws KillSwitchException;

    /**
     * Removes a kill-switch that a killed manager process left installed. The manager calls this when it starts,
     * before starting any tunnel.
     *
     * @return whether there was one to remove
     */
    boolean removeLeftovers() throws KillSwitchException;

    /** An installed kill-switch. */
    interface Active extends AutoCloseable {

        /** The policy in force. */
        KillSwitchPolicy policy();

        /**
         * Brings the exceptions that follow the running tunnel up to date, atomically: the peers' endpoints
         * (roaming, re-resolution) and the local networks (a new uplink). Does nothing when they are unchanged.
         *
         * @param next the policy in force with new endpoints and/or local networks (see
         *             {@link KillSwitchPolicy#withEndpoints}, {@link KillSwitchPolicy#withUplinkSubnets})
         * @throws IllegalArgumentException if {@code next} differs in anything else
         * @throws KillSwitchException      if the operating system refused; the previous exceptions stay in force
         */
        void update(KillSwitchPolicy next) throws KillSwitchException;

        /** Removes the kill-switch; closing it again does nothing. */
        @Override
        void close() throws KillSwitchException;
    }
}
