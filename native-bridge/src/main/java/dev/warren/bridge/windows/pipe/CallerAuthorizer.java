package dev.warren.bridge.windows.pipe;

import java.io.IOException;

/**
 * Decides a pipe client's {@link Role} from its token.
 *
 * <p>ADMIN needs both an elevated token and enabled membership of Administrators: a non-elevated administrator's
 * token carries Administrators as deny-only, and any program the user runs could otherwise take over the manager
 * without a UAC prompt. LocalSystem's token is elevated and holds Administrators, so services and the CLI run as
 * SYSTEM are administrators too. Members of the operator group are OPERATOR, elevated or not. Everyone else is
 * REFUSED.
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

    public CallerIdentity identify(int processId) throws IOException {
        long token = tokens.openProcessToken(processId);
        try {
            String user = tokens.userSid(token);
            boolean elevated = tokens.isElevated(token);
            long identification = tokens.duplicateForIdentification(token);
            try {
                Role role;
                if (elevated && tokens.isMember(identification, PipeSecurity.ADMINISTRATORS)) {
                    role = Role.ADMIN;
                } else if (tokens.isMember(identification, operatorGroupSid)) {
                    role = Role.OPERATOR;
                } else {
                    role = Role.REFUSED;
                }
                return new CallerIdentity(processId, user, role, elevated);
            } finally {
                tokens.close(identification);
            }
        } finally {
            tokens.close(token);
        }
    }
}
