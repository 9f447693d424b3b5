package dev.warren.app.ui.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.warren.core.config.Key;
import org.junit.jupiter.api.Test;

class PastedContentTest {

    @Test
    void aPastedConfigNeverShowsItsTextInToString() {
        String secret = Key.generatePrivate().toBase64();
        PastedContent.Config c = new PastedContent.Config("[Interface]\nPrivateKey = " + secret + "\n", "pasted config",
                "the clipboard");
        assertFalse(c.toString().contains(secret), c.toString());
        assertEquals("Config[pasted config from the clipboard, 70 characters]", c.toString());
    }
}
