package dev.warren.app.ui.editor;

import com.formdev.flatlaf.FlatLaf;
import dev.warren.app.ui.theme.Theme;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.ConfigError;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.WgQuickParser;
import java.awt.Color;
import java.awt.Font;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.swing.JTextPane;
import javax.swing.Timer;
import javax.swing.UIManager;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultStyledDocument;
import javax.swing.text.SimpleAttributeSet;
import javax.swing.text.StyleConstants;
import javax.swing.text.StyledDocument;

/**
 * A text editor for wg-quick configs that colours sections, keys, values and comments, and underlines every
 * error the config parser finds as the user types — the same parser the manager uses, so what is underlined here
 * is exactly what saving would refuse. Hovering an underline shows its message. Re-checks a moment after typing
 * stops, on the event dispatch thread (parsing a config takes microseconds).
 */
public final class ConfigTextPane extends JTextPane {

    private static final int RECHECK_DELAY_MILLIS = 150;

    private final Timer recheck;
    private final List<Consumer<ParseResult>> checkListeners = new ArrayList<>();
    private final String fileName;
    private List<ConfigProblem> problems = List.of();
    private ParseResult lastResult;

    public ConfigTextPane(String fileName) {
        super(new DefaultStyledDocument());
        this.fileName = fileName;
        setName("configText");
        setFont(new Font(Font.MONOSPACED, Font.PLAIN, UIManager.getFont("TextArea.font") != null
                ? UIManager.getFont("TextArea.font").getSize() : 13));
        getAccessibleContext().setAccessibleName("Configuration");
        setToolTipText("");
        recheck = new Timer(RECHECK_DELAY_MILLIS, e -> check());
        recheck.setRepeats(false);
        getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                recheck.restart();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                recheck.restart();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                // Attribute changes are our own colouring.
            }
        });
    }

    /** Called with each new parse result. */
    public void onCheck(Consumer<ParseResult> listener) {
        checkListeners.add(listener);
    }

    /** Replaces the whole text and checks it at once (no delay), keeping the caret where it makes sense. */
    public void setConfigText(String text) {
        int caret = Math.min(getCaretPosition(), text.length());
        setText(text);
        setCaretPosition(caret);
        recheck.stop();
        check();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The latest parse result; checks now if the text changed since. */
    public ParseResult result() {
        if (recheck.isRunning() || lastResult == null) {
            recheck.stop();
            check();
        }
        return lastResult;
    }

    /** The problem at a text offset, if one is underlined there. */
    public Optional<ConfigProblem> problemAt(int offset) {
        return problems.stream().filter(p -> offset >= p.start() && offset <= p.end()).findFirst();
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        int offset = viewToModel2D(e.getPoint());
        return offset < 0 ? null : problemAt(offset).map(ConfigProblem::message).orElse(null);
    }

    private void check() {
        String text = getText();
        lastResult = KillSwitchSetting.check(fileName, text, WgQuickParser.parse(fileName, text));
        List<ConfigProblem> found = new ArrayList<>();
        for (ConfigError e : lastResult.errors()) {
            found.add(ConfigProblem.locate(text, e));
        }
        problems = List.copyOf(found);
        paint(text);
        checkListeners.forEach(l -> l.accept(lastResult));
    }

    /** Colours the text and underlines the known problems in the current theme's palette. */
    private void paint(String text) {
        colour(text);
        getHighlighter().removeAllHighlights();
        SquiggleUnderline squiggle = new SquiggleUnderline(errorColour());
        for (ConfigProblem p : problems) {
            try {
                getHighlighter().addHighlight(p.start(), p.end(), squiggle);
            } catch (BadLocationException outOfRange) {
                // The text changed between parse and paint; the next check places it again.
            }
        }
    }

    private void colour(String text) {
        StyledDocument doc = getStyledDocument();
        Map<SyntaxToken.Kind, SimpleAttributeSet> styles = styles();
        SimpleAttributeSet plain = new SimpleAttributeSet();
        StyleConstants.setForeground(plain, getForeground());
        doc.setCharacterAttributes(0, text.length(), plain, true);
        for (SyntaxToken t : ConfigLexer.tokens(text)) {
            doc.setCharacterAttributes(t.start(), t.length(), styles.get(t.kind()), true);
        }
    }

    private Map<SyntaxToken.Kind, SimpleAttributeSet> styles() {
        boolean dark = FlatLaf.isLafDark();
        Map<SyntaxToken.Kind, SimpleAttributeSet> m = new EnumMap<>(SyntaxToken.Kind.class);
        m.put(SyntaxToken.Kind.SECTION, style(dark ? 0x6CB6FF : 0x0B57D0, true, false));
        m.put(SyntaxToken.Kind.KEY, style(dark ? 0xD2A8FF : 0x8250DF, false, false));
        m.put(SyntaxToken.Kind.DELIMITER, style(dark ? 0x9DA7B3 : 0x6E7781, false, false));
        m.put(SyntaxToken.Kind.VALUE, style(dark ? 0x7EE787 : 0x116329, false, false));
        m.put(SyntaxToken.Kind.COMMENT, style(dark ? 0x8B949E : 0x6E7781, false, true));
        return m;
    }

    private static SimpleAttributeSet style(int rgb, boolean bold, boolean italic) {
        SimpleAttributeSet s = new SimpleAttributeSet();
        StyleConstants.setForeground(s, new Color(rgb));
        StyleConstants.setBold(s, bold);
        StyleConstants.setItalic(s, italic);
        return s;
    }

    /** The underline's red for the current theme; the editor's error status uses it too. */
    static Color errorColour() {
        Color c = UIManager.getColor(Theme.ERROR_FOREGROUND);
        return c != null ? c : Color.RED;
    }

    @Override
    public void updateUI() {
        super.updateUI();
        // A theme switch changes the palette: recolour with the new one (the text itself did not change).
        if (recheck != null && getDocument() != null) {
            paint(getText());
        }
    }
}
