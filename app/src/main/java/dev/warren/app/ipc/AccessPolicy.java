package dev.warren.app.ipc;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides a caller's {@link Role} from its identity: uid 0 or a member of the admin group is an administrator,
 * a member of the operator group an operator, anyone else has no access.
 *
 * <p>Group names are looked up on every decision, so a group created after the manager started counts.
 *
 * @param adminGroup    name of the administrators' group (default {@value #DEFAULT_ADMIN_GROUP})
 * @param operatorGroup name of the operators' group (default {@value #DEFAULT_OPERATOR_GROUP})
 */
public record AccessPolicy(String adminGroup, String operatorGroup) {
    public static final String DEFAULT_ADMIN_GROUP = "warren";
    public static final String DEFAULT_OPERATOR_GROUP = "netdev";

    public AccessPolicy {
        Objects.requireNonNull(adminGroup, "adminGroup");
        Objects.requireNonNull(operatorGroup, "operatorGroup");
    }

    /** The caller's role, or empty if it may not use the manager at all. */
    public Optional<Role> roleOf(PeerCredentials caller) {
        if (caller.uid() == 0 || isMember(caller, adminGroup)) {
            return Optional.of(Role.ADMIN);
        }
        return isMember(caller, operatorGroup) ? Optional.of(Role.OPERATOR) : Optional.empty();
    }

    /** The sentence a refused caller receives. */
    public String refusal(PeerCredentials caller) {
        return "User '" + caller.user() + "' may not use the Warren manager: ask an administrator to add you to the '"
                + operatorGroup + "' group (start and stop tunnels) or the '" + adminGroup
                + "' group (everything), then log in again.";
    }

    private static boolean isMember(PeerCredentials caller, String group) {
        OptionalInt gid = PosixAccounts.groupId(group);
        return gid.isPresent() && caller.groups().contains(gid.getAsInt());
    }
}
