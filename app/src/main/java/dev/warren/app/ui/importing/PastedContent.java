package dev.warren.app.ui.importing;

import java.awt.Image;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the clipboard holds, as far as importing goes: copied files, a config (pasted text, or the text of a QR
 * code in a copied picture), or the reason there is nothing to import. Reading it may wait on another application
 * (the clipboard's owner sends the data) and decoding a picture takes a while, so {@link #read} runs off the event
 * dispatch thread.
 */
sealed interface PastedContent {

    /** Copied files, imported like chosen ones. */
    record Files(List<Path> files) implements PastedContent {
        public Files {
            files = List.copyOf(files);
        }
    }

    /**
     * A config without a file name, so the user names it.
     *
     * @param what   how to call it when asking for the name ("pasted config", "QR code")
     * @param origin where it came from, for the result line
     */
    record Config(String text, String what, String origin) implements PastedContent {
        /** Never the text: a pasted config holds a private key. */
        @Override
        public String toString() {
            return "Config[" + what + " from " + origin + ", " + text.length() + " characters]";
        }
    }

    /** Nothing importable; the batch holds the reason. */
    record Nothing(ImportBatch failure) implements PastedContent {
    }

    static PastedContent read(Clipboard clipboard) {
        try {
            Transferable t = clipboard.getContents(null);
            if (t != null && t.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
                @SuppressWarnings("unchecked")
                List<File> files = (List<File>) t.getTransferData(DataFlavor.javaFileListFlavor);
                return new Files(files.stream().map(File::toPath).toList());
            }
            if (t != null && t.isDataFlavorSupported(DataFlavor.imageFlavor)) {
                String origin = "clipboard picture";
                return QrCode.decode(toBuffered((Image) t.getTransferData(DataFlavor.imageFlavor)))
                        .<PastedContent>map(text -> new Config(text, "QR code", origin))
                        .orElseGet(() -> new Nothing(ImportBatch.failed(origin, "contains no readable QR code")));
            }
            if (t != null && t.isDataFlavorSupported(DataFlavor.stringFlavor)) {
                String text = (String) t.getTransferData(DataFlavor.stringFlavor);
                return text.isBlank() ? new Nothing(ImportBatch.failed("clipboard", "holds no text"))
                        : new Config(text, "pasted config", "clipboard");
            }
            return new Nothing(ImportBatch.failed("clipboard", "holds no config text, files or picture"));
        } catch (UnsupportedFlavorException | IOException | IllegalStateException e) {
            return new Nothing(ImportBatch.failed("clipboard", "could not be read: " + e.getMessage()));
        }
    }

    private static BufferedImage toBuffered(Image image) {
        if (image instanceof BufferedImage b) {
            return b;
        }
        BufferedImage b = new BufferedImage(image.getWidth(null), image.getHeight(null), BufferedImage.TYPE_INT_RGB);
        var g = b.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return b;
    }
}
