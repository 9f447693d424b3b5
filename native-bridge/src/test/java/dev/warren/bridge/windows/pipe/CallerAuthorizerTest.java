package dev.warren.bridge.windows.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.platform.win32.WinNT;
import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerAuthorizerTest {

    private static final String OPS = PipeSecurity.NETWORK_CONFIGURATION_OPERATORS;
    private static final String ADMINS = PipeSecurity.ADMINISTRATORS;
    private static final String ALICE = "S-1-5-21-1004336348-1177238915-682003330-1001";

    private final RecordingTokenApi tokens = new RecordingTokenApi();
    private final CallerAuthorizer authorizer = new CallerAuthorizer(tokens, OPS);

    private Role roleOf(boolean elevated, String... enabledGroups) throws Exception {
        tokens.processes.put(4242, new RecordingTokenApi.Token(ALICE, elevated, Set.of(enabledGroups)));
        return authorizer.identify(4242).role().orElse(null);
    }

    @Test
    void anElevatedAdministratorIsAdmin() throws Exception {
        tokens.processes.put(4242, new RecordingTokenApi.Token(ALICE, true, Set.of(ADMINS, "S-1-5-32-545")));
        assertEquals(new CallerIdentity(ALICE, "pid 4242, elevated", Optional.of(Role.ADMIN)), authorizer.identify(4242));
        assertEquals(List.of(
                "OpenProcessToken(4242)",
                "GetTokenInformation(primary#1792, TokenUser)",
                "GetTokenInformation(primary#1792, TokenElevation)",
                "DuplicateToken(primary#1792, SecurityIdentification)",
                "CheckTokenMembership(identification#1793, S-1-5-32-544)",
                "CloseHandle(identification#1793)",
                "CloseHandle(primary#1792)"), tokens.log.calls());
        assertEquals(Set.of(), tokens.open(), "every handle closed");
    }

    @Test
    void aNonElevatedAdministratorIsRefusedUnlessAlsoAnOperator() throws Exception {
        // UAC's filtered token: Administrators is deny-only, so not an enabled membership.
        assertEquals(null, roleOf(false, "S-1-5-32-545"));
        assertEquals(Role.OPERATOR, roleOf(false, "S-1-5-32-545", OPS));
        assertEquals(Set.of(), tokens.open());
    }

    @Test
    void elevationWithoutAdministratorsIsNotAdmin() throws Exception {
        assertEquals(null, roleOf(true, "S-1-5-32-545"));
    }

    @Test
    void operatorsAndStrangers() throws Exception {
        assertEquals(Role.OPERATOR, roleOf(false, OPS));
        assertEquals(null, roleOf(false, "S-1-5-32-545", "S-1-5-4"));
        assertEquals(Role.ADMIN, roleOf(true, ADMINS, OPS), "an elevated administrator in the operator group is ADMIN");
    }

    @Test
    void aRefusedCallerIsToldWhichGroupOrElevationLetsItIn() throws Exception {
        tokens.processes.put(7, new RecordingTokenApi.Token(ALICE, false, Set.of("S-1-5-32-545")));
        CallerIdentity stranger = authorizer.identify(7);
        assertEquals(new CallerIdentity(ALICE, "pid 7", Optional.empty()), stranger);
        assertEquals("The account " + ALICE + " may not use the Warren manager: ask an administrator to add it to the "
                + "operator group (S-1-5-32-556) to start and stop tunnels, or run Warren as an administrator "
                + "(elevated) for everything.", authorizer.refusal(stranger));
    }

    @Test
    void localSystemIsAdmin() throws Exception {
        tokens.processes.put(800, new RecordingTokenApi.Token(PipeSecurity.LOCAL_SYSTEM, true, Set.of(ADMINS)));
        assertEquals(Optional.of(Role.ADMIN), authorizer.identify(800).role());
    }

    @Test
    void theOperatorGroupIsConfigurableAndValidated() throws Exception {
        String custom = "S-1-5-21-1004336348-1177238915-682003330-1105";
        CallerAuthorizer a = new CallerAuthorizer(tokens, custom);
        tokens.processes.put(1, new RecordingTokenApi.Token(ALICE, false, Set.of(custom)));
        tokens.processes.put(2, new RecordingTokenApi.Token(ALICE, false, Set.of(OPS)));
        assertEquals(Optional.of(Role.OPERATOR), a.identify(1).role());
        assertEquals(Optional.empty(), a.identify(2).role(), "the default group means nothing once another is set");
        var e = assertThrows(IllegalArgumentException.class, () -> new CallerAuthorizer(tokens, "Operators"));
        assertEquals("operator group 'Operators' must be a SID such as S-1-5-32-556 (Network Configuration "
                + "Operators); find a group's SID with 'Get-LocalGroup <name> | Select SID'", e.getMessage());
    }

    @Test
    void pipeSddlGrantsSystemAndAdministratorsAllAndTheOperatorGroupReadWriteWithoutCreatingInstances() {
        assertEquals("O:SYG:SYD:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x0012019B;;;S-1-5-32-556)", PipeSecurity.sddl(OPS));
        assertEquals("O:SYG:SYD:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x0012019B;;;S-1-5-21-1-2-3-1105)",
                PipeSecurity.sddl("S-1-5-21-1-2-3-1105"));
        assertThrows(IllegalArgumentException.class, () -> PipeSecurity.sddl("S-1-5-32-556)(A;;GA;;;WD"),
                "an injected ACE for Everyone is rejected");
    }

    /** The masks against jna-platform's transcription of winnt.h, not against our own constants. */
    @Test
    void operatorsAndClientsNeverHoldCreatePipeInstance() {
        int read = WinNT.FILE_GENERIC_READ;
        assertEquals(WinNT.STANDARD_RIGHTS_READ | WinNT.FILE_READ_DATA | WinNT.FILE_READ_ATTRIBUTES
                | WinNT.FILE_READ_EA | WinNT.SYNCHRONIZE, read);
        assertEquals(read | WinNT.FILE_WRITE_DATA | WinNT.FILE_WRITE_EA | WinNT.FILE_WRITE_ATTRIBUTES,
                PipeSecurity.OPERATOR_ACCESS);
        assertEquals(read | WinNT.FILE_WRITE_DATA, PipeSecurity.CLIENT_ACCESS);
        assertEquals(0, PipeSecurity.OPERATOR_ACCESS & WinNT.FILE_CREATE_PIPE_INSTANCE);
        assertEquals(PipeSecurity.CLIENT_ACCESS, PipeSecurity.CLIENT_ACCESS & PipeSecurity.OPERATOR_ACCESS,
                "a client opens with no more than an operator is granted");
        assertEquals(WinNT.FILE_CREATE_PIPE_INSTANCE, WinNT.FILE_GENERIC_WRITE & WinNT.FILE_CREATE_PIPE_INSTANCE,
                "why GW was wrong: generic write maps to FILE_GENERIC_WRITE, which includes the bit");
    }
}
