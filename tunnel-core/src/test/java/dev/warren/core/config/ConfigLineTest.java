package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigLineTest {

    @Test
    void everyKindOfLineBreakEndsALine() {
        assertEquals(List.of(new ConfigLine(0, "a", "\r\n"), new ConfigLine(3, "b", "\r"), new ConfigLine(5, "c", "\n"),
                new ConfigLine(7, "", "\r"), new ConfigLine(8, "d", "")), ConfigLine.split("a\r\nb\rc\n\rd"));
        assertEquals(List.of(), ConfigLine.split(""));
        assertEquals(List.of(new ConfigLine(0, "", "\r\n")), ConfigLine.split("\r\n"));
    }

    @Test
    void theLinesGiveBackTheTextExactly() {
        Random r = new Random(7);
        char[] alphabet = {'a', '=', ' ', '\r', '\n', '#'};
        for (int n = 0; n < 1000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = r.nextInt(40); i > 0; i--) {
                text.append(alphabet[r.nextInt(alphabet.length)]);
            }
            StringBuilder back = new StringBuilder();
            for (ConfigLine l : ConfigLine.split(text.toString())) {
                assertEquals(back.length(), l.start());
                back.append(l.content()).append(l.terminator());
            }
            assertEquals(text.toString(), back.toString());
        }
    }

    @Test
    void aTerminatorIsALineBreak() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigLine(0, "a", "\n\r"));
    }
}
