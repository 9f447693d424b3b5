package dev.warren.app.ui;

import java.awt.Component;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingWorker;

/**
 * Saving a file the user names: a save dialog that asks before replacing an existing file, then a write off the
 * event dispatch thread that never leaves a half-written file (a private temporary file renamed over the target),
 * with any failure shown in a message naming the file. Exports and the log viewer save through it alike.
 */
public final class FileSaver {

    /** Produces the bytes to write; runs off the event dispatch thread. */
    @FunctionalInterface
    public interface Content {
        byte[] bytes() throws IOException;
    }

    private final Component parent;
    private final String title;
    private final String chooserName;

    /**
     * @param title       the save dialog's and the error message's title ("Export tunnel", "Save log")
     * @param chooserName the save dialog's component name
     */
    public FileSaver(Component parent, String title, String chooserName) {
        this.parent = parent;
        this.title = title;
        this.chooserName = chooserName;
    }

    /** Asks where to save, offering {@code fileName}; empty when the user cancels or declines to replace a file. */
    public Optional<Path> choose(String fileName) {
        JFileChooser chooser = new JFileChooser();
        chooser.setName(chooserName);
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

    /** Writes in the background; a failure is shown to the user. */
    public void write(Path target, Content content) {
        new SwingWorker<Void, Void>() {
            @Override
            protected Void doInBackground() throws IOException {
                writeAtomically(target, content.bytes());
                return null;
            }

            @Override
            protected void done() {
                try {
                    get();
                } catch (ExecutionException e) {
                    JOptionPane.showMessageDialog(parent, "Could not write " + target + ": " + e.getCause().getMessage(),
                            title, JOptionPane.ERROR_MESSAGE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    /**
     * Temp file in the same directory, owner-only permissions (exports hold private keys), then an atomic rename
     * over the target.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
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
}
