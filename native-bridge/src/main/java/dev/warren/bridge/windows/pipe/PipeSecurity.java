package dev.warren.bridge.windows.pipe;

import java.util.regex.Pattern;

/**
 * The security descriptor of the manager pipe, as SDDL.
 *
 * <p>{@code O:SY G:SY} — owned by LocalSystem; {@code D:P} — a protected DACL, so nothing is inherited; then
 * {@code GA} (generic all) for SYSTEM and BUILTIN\Administrators and {@link #OPERATOR_ACCESS} (read and write the
 * pipe, but never create an instance of it) for the operator group; nobody else gets an ACE, so everybody else is
 * denied at {@code CreateFile} already. The server
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

    /** {@code FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | READ_CONTROL | SYNCHRONIZE} (winnt.h). */
    static final int FILE_GENERIC_READ = 0x00120089;
    static final int FILE_WRITE_DATA = 0x0002;
    static final int FILE_WRITE_EA = 0x0010;
    static final int FILE_WRITE_ATTRIBUTES = 0x0100;
    /** On a pipe, {@code FILE_APPEND_DATA}'s bit means "create a server instance"; {@code GENERIC_WRITE} includes it. */
    static final int FILE_CREATE_PIPE_INSTANCE = 0x0004;

    /**
     * What operators get: read and write the pipe, but not {@link #FILE_CREATE_PIPE_INSTANCE}. With {@code GRGW} an
     * operator could add its own server instance of the manager's pipe and receive the next client, an
     * administrator's requests included (configs with private keys).
     */
    public static final int OPERATOR_ACCESS = FILE_GENERIC_READ | FILE_WRITE_DATA | FILE_WRITE_EA
            | FILE_WRITE_ATTRIBUTES;

    /**
     * What a client asks for when it opens the pipe: read and write data, within {@link #OPERATOR_ACCESS}
     * ({@code GENERIC_WRITE} would ask for {@code FILE_APPEND_DATA}, which operators are not granted).
     */
    public static final int CLIENT_ACCESS = FILE_GENERIC_READ | FILE_WRITE_DATA;

    private static final Pattern SID = Pattern.compile("S-1-\\d{1,13}(-\\d{1,10}){1,15}");

    private PipeSecurity() {
    }

    /** The SDDL for a pipe that {@code operatorGroupSid} may read and write. */
    public static String sddl(String operatorGroupSid) {
        requireSid(operatorGroupSid);
        return "O:SYG:SYD:P(A;;GA;;;SY)(A;;GA;;;BA)" + String.format("(A;;0x%08X;;;%s)", OPERATOR_ACCESS, operatorGroupSid);
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
