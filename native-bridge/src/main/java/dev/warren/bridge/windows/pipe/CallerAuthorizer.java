package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.Role;
import java.io.IOException;
import java.util.Optional;

/**
 * Decides a pipe client's {@link Role} from its token.
 *
 * <p>ADMIN needs both an elevated token and enabled membership of Administrators: a non-elevated administrator's
 * token carries Administrators as deny-only, and any program the user runs could otherwise take over the manager
 * without a UAC prompt. LocalSystem's token is elevated and holds Administrators, so services and the CLI run as
 * SYSTEM are administrators too. Members of the operator group are OPERATOR, elevated or not. Everyone else has no
 * role.
 */
public final class CallerAuthorizer {

    private final TokenApi tokens;
    private final String operatorGroupSid;

    public CallerAuthorizer(TokenApi tokens, String operatorGroupSid) {
        this.tokens = tokens;
        this.operatorGroupSid = PipeSecurity.requireSid(operatorGroupSid);
    }

    public String operatorGroupSid() {
        return operatorGroupSid;
    }

    /** What a refused Windows caller is told. */
    public String refusal(CallerIdentity caller) {
        return "The account " + caller.user() + " may not use the Warren manager: ask an administrator to add it to "
                + "the operator group (" + operatorGroupSid + ") to start and stop tunnels, or run Warren as an "
                + "administrator (elevated) for everything.";
    }

    /** The identity of the process {@code processId}: its user's SID, the pid and elevation, and its role. */
    public CallerIdentity identify(int processId) throws IOException {
        long token = tokens.openProcessToken(processId);
        try {
            String user = tokens.userSid(token);
            boolean elevated = tokens.isElevated(token);
            long identification = tokens.duplicateForIdentification(token);
            try {
                Optional<Role> role;
                if (elevated && tokens.isMember(identification, PipeSecurity.ADMINISTRATORS)) {
                    role = Optional.of(Role.ADMIN);
                } else if (tokens.isMember(identification, operatorGroupSid)) {
                    role = Optional.of(Role.OPERATOR);
                } else {
                    role = Optional.empty();
                }
                return new CallerIdentity(user, "pid " + processId + (elevated ? ", elevated" : ""), role);
            } finally {
                tokens.close(identification);
            }
        } finally {
            tokens.close(token);
        }
    }
}
