package dev.warren.bridge.killswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config carrying the setting is still a wg-quick config: the real {@code wg-quick strip} takes it unchanged. */
@Tag("tools")
class KillSwitchSettingToolsTest {

    @Test
    void wgQuickReadsAConfigWithTheDirectives(@TempDir Path dir) throws Exception {
        String key = Key.generatePrivate().toBase64();
        String peer = "[Peer]\nPublicKey = " + Key.generatePrivate().publicKey().toBase64()
                + "\nAllowedIPs = 0.0.0.0/0\nEndpoint = 203.0.113.1:51820\n";
        String text = new KillSwitchSetting(true, true).writeTo(
                "[Interface]\nPrivateKey = " + key + "\nAddress = 10.0.0.2/32\nDNS = 10.0.0.1\n\n" + peer);
        Path conf = dir.resolve("ks0.conf");
        Files.writeString(conf, text);

        Process strip = new ProcessBuilder("wg-quick", "strip", conf.toString()).redirectErrorStream(true).start();
        String out = new String(strip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(strip.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, strip.exitValue(), out);
        assertTrue(out.contains("# Warren: BlockUntunneledTraffic = true\n# Warren: AllowLocalNetwork = true\n"
                + "PrivateKey = " + key + "\n"), out);
        assertTrue(out.contains(peer), out);
    }
}
