package dev.warren.bridge.windows.pipe;

import java.util.regex.Pattern;

/**
 * The security descriptor of the manager pipe, as SDDL.
 *
 * <p>{@code O:SY G:SY} — owned by LocalSystem; {@code D:P} — a protected DACL, so nothing is inherited; then
 * {@code GA} (generic all) for SYSTEM and BUILTIN\Administrators and {@code GRGW} (generic read + write) for the
 * operator group; nobody else gets an ACE, so everybody else is denied at {@code CreateFile} already. The server
 * still checks every caller's token: the DACL admits non-elevated administrators' processes only through the
 * operator ACE, and a token check is what tells an elevated administrator from an operator.
 */
public final class PipeSecurity {

    public static final String LOCAL_SYSTEM = "S-1-5-18";
    public static final String ADMINISTRATORS = "S-1-5-32-544";
    /**
     * BUILTIN\Network Configuration Operators: the group Windows itself lets change network settings, and the one
     * WireGuard for Windows' limited operator mode uses. The default operator group.
     */
    public static final String NETWORK_CONFIGURATION_OPERATORS = "S-1-5-32-556";

    private static final Pattern SID = Pattern.compile("S-1-\\d{1,13}(-\\d{1,10}){1,15}");

    private PipeSecurity() {
    }

    /** The SDDL for a pipe that {@code operatorGroupSid} may read and write. */
    public static String sddl(String operatorGroupSid) {
        requireSid(operatorGroupSid);
        return "O:SYG:SYD:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;" + operatorGroupSid + ")";
    }

    /**
     * @throws IllegalArgumentException naming the value when it is not a string SID such as {@code S-1-5-32-556}
     */
    public static String requireSid(String sid) {
        if (sid == null || !SID.matcher(sid).matches()) {
            throw new IllegalArgumentException("operator group '" + sid + "' must be a SID such as "
                    + NETWORK_CONFIGURATION_OPERATORS + " (Network Configuration Operators); find a group's SID with "
                    + "'Get-LocalGroup <name> | Select SID'");
        }
        return sid;
    }
}
