package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.windows.WindowsApiException;

/**
 * The token calls that identify a pipe client. Handles are raw {@code HANDLE} values. {@link JnaTokenApi} is the
 * real thing; the test sources hold a recording fake.
 */
public interface TokenApi {

    /**
     * {@code OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION)} + {@code OpenProcessToken(TOKEN_QUERY |
     * TOKEN_DUPLICATE)} + {@code CloseHandle(process)}: the client's primary token.
     */
    long openProcessToken(int processId) throws WindowsApiException;

    /** {@code GetTokenInformation(TokenElevation)}. */
    boolean isElevated(long token) throws WindowsApiException;

    /** {@code GetTokenInformation(TokenUser)} + {@code ConvertSidToStringSidW}. */
    String userSid(long token) throws WindowsApiException;

    /**
     * {@code DuplicateToken(SecurityIdentification)}: {@code CheckTokenMembership} only accepts impersonation
     * tokens, and identification level is all it needs.
     */
    long duplicateForIdentification(long token) throws WindowsApiException;

    /** {@code ConvertStringSidToSidW} + {@code CheckTokenMembership} + {@code LocalFree}: enabled membership only. */
    boolean isMember(long impersonationToken, String sid) throws WindowsApiException;

    /** {@code CloseHandle}. */
    void close(long handle);
}
