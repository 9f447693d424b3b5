package dev.warren.app.ui.graph;

import dev.warren.app.ui.format.ByteCount;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * A live graph of a tunnel's receive and send rates over the last minute or so, scaled to a round number above
 * the peak, with the current rates in the legend. Colours come from the look and feel so it reads in light and
 * dark themes alike.
 */
public final class TrafficGraph extends JComponent {

    private TrafficHistory history;

    public TrafficGraph(TrafficHistory history) {
        this.history = history;
        setPreferredSize(new Dimension(320, 110));
        setMinimumSize(new Dimension(160, 80));
    }

    @Override
    public AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public AccessibleRole getAccessibleRole() {
                    return AccessibleRole.CANVAS;
                }
            };
            accessibleContext.setAccessibleName("Traffic graph");
        }
        accessibleContext.setAccessibleDescription(describe());
        return accessibleContext;
    }

    /** The current rates in words, for screen readers and tooltips. */
    private String describe() {
        int n = history.size();
        return n == 0 ? "no traffic yet"
                : "receiving " + ByteCount.perSecond(history.rx(n - 1)) + ", sending " + ByteCount.perSecond(history.tx(n - 1));
    }

    public TrafficHistory history() {
        return history;
    }

    /** Draws {@code h} from now on (the main window keeps one history per tunnel). */
    public void show(TrafficHistory h) {
        history = h;
        repaint();
    }

    /** The axis maximum: the smallest 1, 2 or 5 × 1024^k B/s at or above the peak (at least 1 KiB/s). */
    static double scale(double peak) {
        double unit = 1024;
        while (true) {
            for (double m : new double[] {1, 2, 5}) {
                if (peak <= m * unit) {
                    return m * unit;
                }
            }
            unit *= 10;
        }
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color fg = UIManager.getColor("Label.foreground");
            Color grid = UIManager.getColor("Separator.foreground");
            Color rxColor = colour("Actions.Blue", new Color(0x389FD6));
            Color txColor = colour("Actions.Green", new Color(0x59A869));
            FontMetrics fm = g.getFontMetrics();
            int legend = fm.getHeight() + 4;
            int x0 = 1;
            int y0 = legend;
            int w = getWidth() - 2;
            int h = getHeight() - legend - 1;
            if (w < 10 || h < 10) {
                return;
            }
            g.setColor(UIManager.getColor("TextField.background"));
            g.fillRect(x0, y0, w, h);
            g.setColor(grid);
            for (int i = 1; i < 4; i++) {
                int y = y0 + h * i / 4;
                g.drawLine(x0, y, x0 + w, y);
            }
            g.drawRect(x0, y0, w - 1, h - 1);

            double max = scale(history.peak());
            plot(g, txColor, x0, y0, w, h, max, false);
            plot(g, rxColor, x0, y0, w, h, max, true);

            int n = history.size();
            String rxNow = "↓ " + ByteCount.perSecond(n > 0 ? history.rx(n - 1) : 0);
            String txNow = "↑ " + ByteCount.perSecond(n > 0 ? history.tx(n - 1) : 0);
            int baseline = fm.getAscent();
            g.setColor(rxColor);
            g.drawString(rxNow, 0, baseline);
            g.setColor(txColor);
            g.drawString(txNow, fm.stringWidth(rxNow) + fm.stringWidth("   "), baseline);
            String axis = ByteCount.perSecond(max);
            g.setColor(fg);
            g.drawString(axis, getWidth() - fm.stringWidth(axis) - 1, baseline);
        } finally {
            g.dispose();
        }
    }

    private void plot(Graphics2D g, Color colour, int x0, int y0, int w, int h, double max, boolean received) {
        int n = history.size();
        if (n < 2) {
            return;
        }
        int cap = history.capacity();
        Path2D.Double line = new Path2D.Double();
        for (int i = 0; i < n; i++) {
            double x = x0 + w - 1 - (double) (n - 1 - i) * (w - 1) / (cap - 1);
            double v = received ? history.rx(i) : history.tx(i);
            double y = y0 + h - 1 - Math.min(1, v / max) * (h - 2);
            if (i == 0) {
                line.moveTo(x, y);
            } else {
                line.lineTo(x, y);
            }
        }
        Path2D.Double area = new Path2D.Double(line);
        area.lineTo(x0 + w - 1, y0 + h - 1);
        area.lineTo(x0 + w - 1 - (double) (n - 1) * (w - 1) / (cap - 1), y0 + h - 1);
        area.closePath();
        g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 48));
        g.fill(area);
        g.setColor(colour);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(line);
    }

    private static Color colour(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c != null ? c : fallback;
    }
}
