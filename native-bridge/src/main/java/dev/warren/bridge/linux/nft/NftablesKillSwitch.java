package dev.warren.bridge.linux.nft;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import java.util.Objects;

/**
 * The Linux kill-switch: Warren's nftables table {@code inet warren} (see {@link NftRuleset}), created in one
 * transaction and deleted in one. The table outlives the process, so a manager killed with the switch on leaves
 * the machine blocked (failing closed) until the next manager start calls {@link #removeLeftovers()}.
 */
public final class NftablesKillSwitch implements KillSwitch {

    private final NftCommand nft;

    public NftablesKillSwitch() {
        this(NftCommand.system());
    }

    public NftablesKillSwitch(NftCommand nft) {
        this.nft = Objects.requireNonNull(nft, "nft");
    }

    @Override
    public Active install(KillSwitchPolicy policy) throws KillSwitchException {
        try {
            nft.apply("installing the kill-switch (nftables table " + NftRuleset.TABLE + ")",
                    NftRuleset.install(policy));
        } catch (KillSwitchException e) {
            if (tableExistsAfter(e)) {
                throw new KillSwitchException("installing the kill-switch failed: the nftables table "
                        + NftRuleset.TABLE + " already exists; another tunnel's kill-switch is on (only one can be), "
                        + "or a killed manager left it and the next manager start removes it", e);
            }
            throw e;
        }
        return new Installed(policy);
    }

    @Override
    public boolean removeLeftovers() throws KillSwitchException {
        if (!tableExists()) {
            return false;
        }
        nft.apply("removing the kill-switch left by a previous manager", NftRuleset.remove());
        return true;
    }

    /** Whether a failed install met an existing table; when even listing fails, the install's error stands. */
    private boolean tableExistsAfter(KillSwitchException installError) throws KillSwitchException {
        try {
            return tableExists();
        } catch (KillSwitchException listing) {
            installError.addSuppressed(listing);
            throw installError;
        }
    }

    private boolean tableExists() throws KillSwitchException {
        return nft.query("listing the nftables tables", "list", "tables").lines().map(String::strip)
                .anyMatch(("table " + NftRuleset.TABLE)::equals);
    }

    private final class Installed implements Active {
        private KillSwitchPolicy policy;
        private boolean closed;

        Installed(KillSwitchPolicy policy) {
            this.policy = policy;
        }

        @Override
        public synchronized KillSwitchPolicy policy() {
            return policy;
        }

        @Override
        public synchronized void update(KillSwitchPolicy next) throws KillSwitchException {
            policy.requireSameRulesAs(next);
            if (closed) {
                return;
            }
            String transaction = NftRuleset.update(policy, next);
            if (!transaction.isEmpty()) {
                nft.apply("updating the kill-switch (" + next.describe() + ")", transaction);
            }
            policy = next;
        }

        @Override
        public synchronized void close() throws KillSwitchException {
            if (closed) {
                return;
            }
            // A table someone else already deleted is the state we want.
            if (tableExists()) {
                nft.apply("removing the kill-switch", NftRuleset.remove());
            }
            closed = true;
        }
    }
}
