package dev.warren.app.ui.main;

import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.StoredConfig;
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
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;

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
        chooseTarget("Export all tunnels", "warren-tunnels-" + LocalDate.now() + ".zip").ifPresent(target ->
                session.call(m -> m.exportZip(), zip -> write(target, zip), this::fail));
    }

    void exportToFile(String name) {
        chooseTarget("Export tunnel", name + ".conf").ifPresent(target ->
                session.call(m -> m.getConfig(name),
                        (StoredConfig c) -> write(target, c.text().getBytes(StandardCharsets.UTF_8)),
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
        JButton save = new JButton(Keys.action("Save as PNG…", 'S', null, e -> chooseTarget("Save QR code", name + ".png")
                .ifPresent(target -> writeImage(target, image))));
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

    private Optional<Path> chooseTarget(String title, String fileName) {
        JFileChooser chooser = new JFileChooser();
        chooser.setName("exportChooser");
        chooser.setDialogTitle(title);
        chooser.setSelectedFile(new File(chooser.getCurrentDirectory(), fileName));
        if (chooser.showSaveDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return Optional.empty();
        }
        Path target = chooser.getSelectedFile().toPath();
        if (Files.exists(target) && JOptionPane.showConfirmDialog(parent, target.getFileName() + " exists. Replace it?",
                title, JOptionPane.YES_NO_OPTION, JOptionPane.WARNING_MESSAGE) != JOptionPane.YES_OPTION) {
            return Optional.empty();
        }
        return Optional.of(target);
    }

    private void writeImage(Path target, BufferedImage image) {
        inBackground(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            writeAtomically(target, out.toByteArray());
        }, target);
    }

    private void write(Path target, byte[] content) {
        inBackground(() -> writeAtomically(target, content), target);
    }

    /** Temp file in the same directory, private permissions, then an atomic rename over the target. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the folder's ACL.
            }
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private void inBackground(Io io, Path target) {
        new SwingWorker<Void, Void>() {
            @Override
            protected Void doInBackground() throws IOException {
                io.run();
                return null;
            }

            @Override
            protected void done() {
                try {
                    get();
                } catch (ExecutionException e) {
                    fail("Could not write " + target + ": " + e.getCause().getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private void fail(ManagerException e) {
        fail(e.getMessage());
    }

    private void fail(String message) {
        JOptionPane.showMessageDialog(parent, message, "Export", JOptionPane.ERROR_MESSAGE);
    }
}
