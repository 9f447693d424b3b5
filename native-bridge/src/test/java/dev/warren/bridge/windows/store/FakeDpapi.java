package dev.warren.bridge.windows.store;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** "Encrypts" reversibly (magic, description, XOR-ed bytes) and records the calls, never the plaintext. */
public final class FakeDpapi implements Dpapi {
    static final byte[] MAGIC = "FAKEDPAPI1".getBytes(StandardCharsets.US_ASCII);
    public final CallLog log = new CallLog();
    byte[] lastPlaintextSeen;

    @Override
    public byte[] protect(byte[] plaintext, String description, int flags) {
        log.add("CryptProtectData", description, "flags=0x" + Integer.toHexString(flags), plaintext.length + " bytes");
        lastPlaintextSeen = plaintext;
        byte[] d = description.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[MAGIC.length + 1 + d.length + plaintext.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = (byte) d.length;
        System.arraycopy(d, 0, out, MAGIC.length + 1, d.length);
        for (int i = 0; i < plaintext.length; i++) {
            out[MAGIC.length + 1 + d.length + i] = (byte) (plaintext[i] ^ 0x5a);
        }
        return out;
    }

    @Override
    public Unprotected unprotect(byte[] blob, int flags) throws WindowsApiException {
        log.add("CryptUnprotectData", "flags=0x" + Integer.toHexString(flags), blob.length + " bytes");
        if (blob.length < MAGIC.length + 1 || !Arrays.equals(MAGIC, Arrays.copyOf(blob, MAGIC.length))) {
            throw new WindowsApiException("CryptUnprotectData", 13, "ERROR_INVALID_DATA");
        }
        int dl = blob[MAGIC.length];
        String d = new String(blob, MAGIC.length + 1, dl, StandardCharsets.UTF_8);
        byte[] p = new byte[blob.length - MAGIC.length - 1 - dl];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (blob[MAGIC.length + 1 + dl + i] ^ 0x5a);
        }
        lastPlaintextSeen = p;
        return new Unprotected(p, d);
    }
}
