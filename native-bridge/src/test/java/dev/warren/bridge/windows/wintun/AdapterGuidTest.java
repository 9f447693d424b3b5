package dev.warren.bridge.windows.wintun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdapterGuidTest {

    @Test
    void isAVersion5NameBasedUuidInWarrensNamespace() throws Exception {
        UUID guid = AdapterGuid.forTunnel("office");
        assertEquals(5, guid.version());
        assertEquals(2, guid.variant());
        // RFC 9562 section 5.5 computed independently: SHA-1(namespace bytes || name), first 16 bytes, version/variant set.
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(java.nio.ByteBuffer.allocate(16).putLong(AdapterGuid.NAMESPACE.getMostSignificantBits())
                .putLong(AdapterGuid.NAMESPACE.getLeastSignificantBits()).array());
        byte[] h = sha1.digest("office".getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            int b = h[i] & 0xff;
            if (i == 6) {
                b = (b & 0x0f) | 0x50;
            } else if (i == 8) {
                b = (b & 0x3f) | 0x80;
            }
            hex.append(String.format("%02x", b));
        }
        String s = hex.toString();
        assertEquals(s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                + s.substring(16, 20) + "-" + s.substring(20), guid.toString());
    }

    @Test
    void isStableAndDiffersPerName() {
        assertEquals(AdapterGuid.forTunnel("office"), AdapterGuid.forTunnel("office"));
        assertNotEquals(AdapterGuid.forTunnel("office"), AdapterGuid.forTunnel("Office"));
        assertEquals(AdapterGuid.forTunnel("caf\u00e9"), AdapterGuid.forTunnel("cafe\u0301"), "NFC-normalised");
        assertThrows(IllegalArgumentException.class, () -> AdapterGuid.forTunnel(""));
    }

    @Test
    void encodesAsTheMixedEndianWindowsGuid() {
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        var guid = JnaWintunApi.guid(uuid);
        assertEquals(0x00112233, guid.Data1);
        assertEquals((short) 0x4455, guid.Data2);
        assertEquals((short) 0x6677, guid.Data3);
        guid.write();
        byte[] bytes = guid.getPointer().getByteArray(0, 16);
        assertEquals(0x33, bytes[0] & 0xff, "Data1 is little-endian in memory");
        assertEquals(0x88, bytes[8] & 0xff, "Data4 is in byte order");
    }
}
