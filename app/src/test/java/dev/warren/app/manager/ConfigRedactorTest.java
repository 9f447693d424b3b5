package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import org.junit.jupiter.api.Test;

class ConfigRedactorTest {

    @Test
    void removesSecretsAndScriptsKeepsEverythingElse() {
        String priv = Key.generatePrivate().toBase64();
        String psk = Key.generatePreshared().toBase64();
        String pub = Key.generatePrivate().publicKey().toBase64();
        String text = "[Interface]\n"
                + "# office tunnel\n"
                + "  privatekey=" + priv + "\n"
                + "Address = 10.0.0.2/24\n"
                + "PostUp = iptables -A FORWARD -i %i -j ACCEPT\n"
                + "preDown=echo bye\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey = " + pub + " # old key was " + priv + "\n"
                + "PresharedKey = " + psk + "\n"
                + "AllowedIPs = 0.0.0.0/0\n";
        ConfigRedactor.Redacted r = ConfigRedactor.redact(text);
        assertTrue(r.changed());
        assertEquals("[Interface]\n"
                + "# office tunnel\n"
                + "Address = 10.0.0.2/24\n"
                + "\n"
                + "[Peer]\n"
                + "PublicKey = " + pub + " # old key was (key hidden)\n"
                + "AllowedIPs = 0.0.0.0/0\n", r.text());
        assertFalse(r.text().contains(priv) || r.text().contains(psk));
    }

    @Test
    void aConfigWithoutSecretsIsUnchanged() {
        String text = "[Peer]\r\nPublicKey = " + Key.generatePrivate().publicKey().toBase64() + "\r\n";
        assertEquals(new ConfigRedactor.Redacted(text, false), ConfigRedactor.redact(text));
    }
}
