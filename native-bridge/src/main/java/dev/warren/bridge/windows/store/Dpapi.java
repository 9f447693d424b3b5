package dev.warren.bridge.windows.store;

import dev.warren.bridge.windows.WindowsApiException;

/**
 * The Data Protection API ({@code crypt32.dll}). {@link JnaDpapi} is the real thing; the test sources hold a
 * reversible recording fake.
 */
public interface Dpapi {

    int CRYPTPROTECT_UI_FORBIDDEN = 0x1;
    int CRYPTPROTECT_LOCAL_MACHINE = 0x4;

    /** {@code CryptProtectData(data, description, NULL entropy, NULL, NULL, flags)} + {@code LocalFree}. */
    byte[] protect(byte[] plaintext, String description, int flags) throws WindowsApiException;

    /** {@code CryptUnprotectData(blob, &description, NULL entropy, NULL, NULL, flags)} + {@code LocalFree} ×2. */
    Unprotected unprotect(byte[] blob, int flags) throws WindowsApiException;

    /** The plaintext and the description stored with it. */
    record Unprotected(byte[] plaintext, String description) {
    }
}
