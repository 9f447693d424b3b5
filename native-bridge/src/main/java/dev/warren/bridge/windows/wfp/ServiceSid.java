package dev.warren.bridge.windows.wfp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The SID of {@code NT SERVICE\<name>}, which Windows puts in the token of a service configured with an
 * unrestricted service SID: {@code S-1-5-80-} followed by the SHA-1 of the upper-cased name in UTF-16LE, read as
 * five little-endian 32-bit sub-authorities (what {@code RtlCreateServiceSid} computes).
 */
public final class ServiceSid {

    private ServiceSid() {
    }

    public static String of(String serviceName) {
        byte[] name = serviceName.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer digest;
        try {
            digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-1").digest(name)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        StringBuilder sid = new StringBuilder("S-1-5-80");
        for (int i = 0; i < 5; i++) {
            sid.append('-').append(Integer.toUnsignedString(digest.getInt()));
        }
        return sid.toString();
    }
}
