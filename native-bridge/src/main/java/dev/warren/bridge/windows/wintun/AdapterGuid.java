package dev.warren.bridge.windows.wintun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.UUID;

/**
 * The Wintun adapter GUID of a tunnel, derived from its name alone: a name-based (version 5, SHA-1) UUID in a
 * namespace fixed for Warren.
 *
 * <p>Why deterministic: Windows keys the network profile (Public/Private, firewall profile) and the interface's
 * registry settings by adapter GUID. A random GUID per start would create a new "Network 7" profile each time and
 * leave registry litter behind; the same name always yields the same adapter, as in WireGuard for Windows.
 */
public final class AdapterGuid {

    /** Warren's namespace for adapter GUIDs. Never change it: that would orphan every user's network profile. */
    static final UUID NAMESPACE = UUID.fromString("6c1b6d7e-4a0c-5d2e-9b8f-3f5a1c7e2d40");

    private AdapterGuid() {
    }

    /** The GUID of the adapter for tunnel {@code tunnelName} (Unicode NFC-normalised first, so equal names match). */
    public static UUID forTunnel(String tunnelName) {
        if (tunnelName.isEmpty()) {
            throw new IllegalArgumentException("a tunnel name is needed to derive its adapter GUID");
        }
        byte[] name = Normalizer.normalize(tunnelName, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16)
                .putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }
}
