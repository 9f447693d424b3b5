package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tokens in memory: per process, the user, whether the token is elevated and which groups are enabled in it (a
 * non-elevated administrator's token has Administrators as deny-only, i.e. not enabled). Records every call.
 */
public final class RecordingTokenApi implements TokenApi {

    public record Token(String user, boolean elevated, Set<String> enabledGroups) {
    }

    public final CallLog log = new CallLog();
    public final Map<Integer, Token> processes = new HashMap<>();
    private final Map<Long, Token> handles = new HashMap<>();
    private final Map<Long, String> kinds = new HashMap<>();
    private long next = 0x700;

    private long handle(Token t, String kind) {
        long h = next++;
        handles.put(h, t);
        kinds.put(h, kind);
        return h;
    }

    private String n(long h) {
        return kinds.getOrDefault(h, "?") + "#" + h;
    }

    /** Handles opened and not closed. */
    Set<Long> open() {
        return Set.copyOf(handles.keySet());
    }

    @Override
    public long openProcessToken(int processId) throws WindowsApiException {
        log.add("OpenProcessToken", processId);
        Token t = processes.get(processId);
        if (t == null) {
            throw new WindowsApiException("OpenProcess", 87);
        }
        return handle(t, "primary");
    }

    @Override
    public boolean isElevated(long token) {
        log.add("GetTokenInformation", n(token), "TokenElevation");
        return handles.get(token).elevated();
    }

    @Override
    public String userSid(long token) {
        log.add("GetTokenInformation", n(token), "TokenUser");
        return handles.get(token).user();
    }

    @Override
    public long duplicateForIdentification(long token) {
        log.add("DuplicateToken", n(token), "SecurityIdentification");
        return handle(handles.get(token), "identification");
    }

    @Override
    public boolean isMember(long token, String sid) {
        log.add("CheckTokenMembership", n(token), sid);
        if (!"identification".equals(kinds.get(token))) {
            throw new IllegalStateException("CheckTokenMembership needs an impersonation token");
        }
        return handles.get(token).enabledGroups().contains(sid);
    }

    @Override
    public void close(long handle) {
        log.add("CloseHandle", n(handle));
        handles.remove(handle);
    }
}
