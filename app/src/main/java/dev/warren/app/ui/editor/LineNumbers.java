package dev.warren.app.ui.editor;

import dev.warren.app.ui.theme.Theme;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import javax.swing.JComponent;
import javax.swing.UIManager;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.BadLocationException;
import javax.swing.text.Element;

/**
 * A line-number gutter for the config editor (the row header of its scroll pane), so that "line 12" in an error
 * message is found at a glance. Lines with an error are numbered in the error colour.
 */
final class LineNumbers extends JComponent {

    private static final int PAD = 8;

    private final ConfigTextPane text;

    LineNumbers(ConfigTextPane text) {
        this.text = text;
        setFont(text.getFont());
        text.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                changed();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                // Colouring does not move lines.
            }
        });
        text.onCheck(r -> repaint());
    }

    private void changed() {
        revalidate();
        repaint();
    }

    @Override
    public Dimension getPreferredSize() {
        int lines = text.getDocument().getDefaultRootElement().getElementCount();
        FontMetrics fm = getFontMetrics(getFont());
        int digits = Math.max(2, String.valueOf(lines).length());
        return new Dimension(PAD * 2 + fm.charWidth('0') * digits, text.getPreferredSize().height);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(UIManager.getColor("Panel.background"));
            Rectangle clip = g.getClipBounds();
            g.fillRect(clip.x, clip.y, clip.width, clip.height);
            FontMetrics fm = g.getFontMetrics(getFont());
            g.setFont(getFont());
            Element root = text.getDocument().getDefaultRootElement();
            int first = root.getElementIndex(text.viewToModel2D(new Point(0, clip.y)));
            int last = root.getElementIndex(text.viewToModel2D(new Point(0, clip.y + clip.height)));
            for (int line = first; line <= last; line++) {
                Rectangle2D r = text.modelToView2D(root.getElement(line).getStartOffset());
                if (r == null) {
                    continue;
                }
                int number = line + 1;
                boolean error = text.problems().stream().anyMatch(p -> p.line() == number);
                g.setColor(UIManager.getColor(error ? Theme.ERROR_FOREGROUND : "Label.disabledForeground"));
                String s = String.valueOf(number);
                int y = (int) (r.getY() + (r.getHeight() - fm.getHeight()) / 2) + fm.getAscent();
                g.drawString(s, getWidth() - PAD - fm.stringWidth(s), y);
            }
        } catch (BadLocationException outOfRange) {
            // The document changed under the paint; the change repaints again.
        } finally {
            g.dispose();
        }
    }
}
