package dev.warren.app.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLexerTest {

    private static String spans(String text) {
        StringBuilder sb = new StringBuilder();
        for (SyntaxToken t : ConfigLexer.tokens(text)) {
            sb.append(t.kind()).append('<').append(text, t.start(), t.end()).append("> ");
        }
        return sb.toString().trim();
    }

    @Test
    void sectionsKeysValuesAndCommentsAreSeparated() {
        String text = "# home\n[Interface]\n  Address = 10.0.0.2/32  # mine\n\n[Peer]\nEndpoint=h:51820";
        assertEquals("COMMENT<# home> SECTION<[Interface]> KEY<Address> DELIMITER<=> VALUE<10.0.0.2/32> "
                + "COMMENT<# mine> SECTION<[Peer]> KEY<Endpoint> DELIMITER<=> VALUE<h:51820>", spans(text));
    }

    @Test
    void offsetsPointIntoTheWholeText() {
        String text = "[Peer]\r\nAllowedIPs = 0.0.0.0/0\r\n";
        List<SyntaxToken> tokens = ConfigLexer.tokens(text);
        SyntaxToken value = tokens.get(3);
        assertEquals(SyntaxToken.Kind.VALUE, value.kind());
        assertEquals("0.0.0.0/0", text.substring(value.start(), value.end()));
    }

    @Test
    void aLineWithoutEqualsIsStillColouredAsAKey() {
        assertEquals("KEY<PrivateKey> COMMENT<#x>", spans("PrivateKey #x"));
    }
}
