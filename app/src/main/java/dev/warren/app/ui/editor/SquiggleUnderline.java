package dev.warren.app.ui.editor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import javax.swing.text.BadLocationException;
import javax.swing.text.JTextComponent;
import javax.swing.text.LayeredHighlighter;
import javax.swing.text.Position;
import javax.swing.text.View;

/** The wavy red underline editors use for errors, painted under each erroneous range of the config text. */
final class SquiggleUnderline extends LayeredHighlighter.LayerPainter {

    private final Color color;

    SquiggleUnderline(Color color) {
        this.color = color;
    }

    @Override
    public void paint(Graphics g, int p0, int p1, Shape bounds, JTextComponent c) {
        // Layered painting (below) does the work; this whole-range form is not used by the default highlighter.
    }

    @Override
    public Shape paintLayer(Graphics g, int p0, int p1, Shape viewBounds, JTextComponent c, View view) {
        Rectangle r;
        try {
            Shape s = view.modelToView(p0, Position.Bias.Forward, p1, Position.Bias.Backward, viewBounds);
            r = s instanceof Rectangle rect ? rect : s.getBounds();
        } catch (BadLocationException e) {
            return null;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setColor(color);
            g2.setStroke(new BasicStroke(1.2f));
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int y = r.y + r.height - 2;
            int width = Math.max(r.width, 6);
            Path2D.Float wave = new Path2D.Float();
            wave.moveTo(r.x, y);
            for (int x = r.x; x < r.x + width; x += 4) {
                wave.quadTo(x + 1, y - 2, x + 2, y);
                wave.quadTo(x + 3, y + 2, x + 4, y);
            }
            g2.draw(wave);
        } finally {
            g2.dispose();
        }
        return r;
    }
}
