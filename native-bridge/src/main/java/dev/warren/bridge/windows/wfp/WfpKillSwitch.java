package dev.warren.bridge.windows.wfp;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Windows kill-switch: the {@link WfpFilterSet} added in one WFP transaction to a sublayer of Warren's own
 * provider, in a dynamic session. Closing the session deletes every object; so does the death of the process,
 * so nothing can be left behind and {@link #removeLeftovers()} has nothing to do.
 */
public final class WfpKillSwitch implements KillSwitch {

    /** Above every other sublayer, as wireguard-windows sets it. */
    static final int SUBLAYER_WEIGHT = 0xFFFF;

    private final WfpApi api;
    private final String managerExecutable;
    private final String managerService;
    private final Supplier<UUID> keys;

    /**
     * @param managerExecutable the manager's executable (the jpackage launcher), whose traffic stays allowed
     * @param managerService    the manager's service name, whose service SID the exemption requires
     */
    public WfpKillSwitch(WfpApi api, String managerExecutable, String managerService) {
        this(api, managerExecutable, managerService, UUID::randomUUID);
    }

    WfpKillSwitch(WfpApi api, String managerExecutable, String managerService, Supplier<UUID> keys) {
        this.api = Objects.requireNonNull(api, "api");
        this.managerExecutable = Objects.requireNonNull(managerExecutable, "managerExecutable");
        this.managerService = Objects.requireNonNull(managerService, "managerService");
        this.keys = keys;
    }

    @Override
    public Active install(KillSwitchPolicy policy) throws KillSwitchException {
        List<WfpFilter> filters;
        try {
            filters = WfpFilterSet.of(policy, managerExecutable, managerService);
        } catch (IllegalArgumentException e) {
            throw new KillSwitchException("installing the kill-switch failed: " + e.getMessage(), e);
        }
        UUID provider = keys.get();
        UUID subLayer = keys.get();
        long engine;
        try {
            engine = api.engineOpen("Warren", "Warren kill-switch for " + policy.interfaceName());
        } catch (WindowsApiException e) {
            throw new KillSwitchException("installing the kill-switch failed: opening the filtering engine: "
                    + e.getMessage() + String.format(" (0x%08X)", e.code()), e);
        }
        boolean inTransaction = false;
        WfpFilter adding = null;
        try {
            api.transactionBegin(engine);
            inTransaction = true;
            api.providerAdd(engine, provider, "Warren", "Warren kill-switch");
            api.subLayerAdd(engine, subLayer, provider, "Warren kill-switch", "Permits before one block-all",
                    SUBLAYER_WEIGHT);
            for (WfpFilter f : filters) {
                adding = f;
                api.filterAdd(engine, provider, subLayer, f);
            }
            adding = null;
            api.transactionCommit(engine);
            inTransaction = false;
        } catch (WindowsApiException e) {
            abandon(engine, inTransaction, e);
            throw new KillSwitchException("installing the kill-switch failed: "
                    + (adding == null ? "" : "adding the filter '" + adding.name() + "': ") + e.getMessage()
                    + String.format(" (0x%08X)", e.code()), e);
        }
        return new Installed(policy, engine);
    }

    /** Aborts and closes after a failure; problems doing so are attached to the original error. */
    private void abandon(long engine, boolean inTransaction, Exception cause) {
        if (inTransaction) {
            try {
                api.transactionAbort(engine);
            } catch (WindowsApiException e) {
                cause.addSuppressed(e);
            }
        }
        try {
            api.engineClose(engine);
        } catch (WindowsApiException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public boolean removeLeftovers() {
        return false;
    }

    private final class Installed implements Active {
        private KillSwitchPolicy policy;
        private final long engine;
        private boolean closed;

        Installed(KillSwitchPolicy policy, long engine) {
            this.policy = policy;
            this.engine = engine;
        }

        @Override
        public synchronized KillSwitchPolicy policy() {
            return policy;
        }

        /**
         * The tunnel's UDP is permitted as the manager's own traffic (its executable and service SID), whatever
         * the endpoint, so new endpoints need no filter. Local networks are filter conditions, which this does
         * not rewrite yet: a changed set is refused, and the LAN exception keeps the subnets of the start.
         */
        @Override
        public synchronized void update(KillSwitchPolicy next) throws KillSwitchException {
            policy.requireSameRulesAs(next);
            if (closed) {
                return;
            }
            if (!policy.localNetworks().equals(next.localNetworks())) {
                throw new KillSwitchException("the local-network exception cannot follow a new uplink on Windows "
                        + "yet; it keeps " + policy.localNetworks() + " until the tunnel is restarted");
            }
            policy = next;
        }

        @Override
        public synchronized void close() throws KillSwitchException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                api.engineClose(engine);
            } catch (WindowsApiException e) {
                throw new KillSwitchException("removing the kill-switch failed: " + e.getMessage(), e);
            }
        }
    }
}
