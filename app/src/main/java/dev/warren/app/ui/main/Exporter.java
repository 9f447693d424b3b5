package dev.warren.app.ui.main;

import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.StoredConfig;
import dev.warren.app.ui.FileSaver;
import dev.warren.app.ui.Keys;
import dev.warren.app.ui.ManagerSession;
import dev.warren.app.ui.importing.QrCode;
import dev.warren.app.ui.theme.UiPreferences;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;

/**
 * Exporting: every tunnel into one zip, one tunnel to a {@code .conf} file, or one tunnel as a QR code for a
 * phone. Files hold private keys, so they are written owner-readable only (where the file system allows) and
 * atomically, off the event dispatch thread.
 */
final class Exporter {

    private final Component parent;
    private final ManagerSession session;

    Exporter(Component parent, ManagerSession session) {
        this.parent = parent;
        this.session = session;
    }

    void exportAllToZip() {
        FileSaver saver = saver("Export all tunnels");
        saver.choose("warren-tunnels-" + LocalDate.now() + ".zip").ifPresent(target ->
                session.call(m -> m.exportZip(), zip -> saver.write(target, () -> zip), this::fail));
    }

    void exportToFile(String name) {
        FileSaver saver = saver("Export tunnel");
        saver.choose(name + ".conf").ifPresent(target ->
                session.call(m -> m.getConfig(name),
                        (StoredConfig c) -> saver.write(target, () -> c.text().getBytes(StandardCharsets.UTF_8)),
                        this::fail));
    }

    void showQrCode(String name) {
        session.call(m -> m.getConfig(name), (StoredConfig c) -> {
            BufferedImage image;
            try {
                image = QrCode.encode(c.text(), 4);
            } catch (IllegalArgumentException tooLong) {
                fail("'" + name + "' " + tooLong.getMessage().replace("the config ", "") + "; export it to a file instead.");
                return;
            }
            qrDialog(name, image).setVisible(true);
        }, this::fail);
    }

    private JDialog qrDialog(String name, BufferedImage image) {
        Window owner = parent instanceof Window w ? w : SwingUtilities.getWindowAncestor(parent);
        JDialog d = new JDialog(owner, "QR code of " + name, Dialog.ModalityType.MODELESS);
        d.setName("qrDialog");
        JLabel picture = new JLabel(new ImageIcon(image));
        picture.setName("qrImage");
        picture.getAccessibleContext().setAccessibleName("QR code of " + name);
        JLabel warning = new JLabel("<html>Scan it with the WireGuard app. It contains the tunnel's private key:<br>"
                + "show it only to the device that should have it.</html>", SwingConstants.CENTER);
        FileSaver saver = saver("Save QR code");
        JButton save = new JButton(Keys.action("Save as PNG…", 'S', null, e -> saver.choose(name + ".png")
                .ifPresent(target -> saver.write(target, () -> png(image)))));
        JButton close = new JButton(Keys.action("Close", 'C', null, e -> d.dispose()));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        buttons.add(save);
        buttons.add(close);
        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        content.add(picture, BorderLayout.CENTER);
        JPanel south = new JPanel(new BorderLayout(0, 8));
        south.add(warning, BorderLayout.NORTH);
        south.add(buttons, BorderLayout.SOUTH);
        content.add(south, BorderLayout.SOUTH);
        d.setContentPane(content);
        d.getRootPane().registerKeyboardAction(e -> d.dispose(), Keys.key(KeyEvent.VK_ESCAPE), JComponent.WHEN_IN_FOCUSED_WINDOW);
        d.getRootPane().setDefaultButton(close);
        d.pack();
        // Larger is fine; smaller would cut the code off.
        d.setMinimumSize(d.getSize());
        UiPreferences.rememberDialogBounds(d, "qr");
        return d;
    }

    private FileSaver saver(String title) {
        return new FileSaver(parent, title, "exportChooser");
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void fail(ManagerException e) {
        fail(e.getMessage());
    }

    private void fail(String message) {
        JOptionPane.showMessageDialog(parent, message, "Export", JOptionPane.ERROR_MESSAGE);
    }
}
