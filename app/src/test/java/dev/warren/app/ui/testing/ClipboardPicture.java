package dev.warren.app.ui.testing;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/** A picture on the clipboard, as a screenshot tool puts it there; optionally told on which thread it is read. */
public final class ClipboardPicture implements Transferable {

    private final BufferedImage image;
    private final Consumer<Boolean> readOnEdt;

    public ClipboardPicture(BufferedImage image) {
        this(image, onEdt -> { });
    }

    /** @param readOnEdt told, at each read, whether the read runs on the event dispatch thread */
    public ClipboardPicture(BufferedImage image, Consumer<Boolean> readOnEdt) {
        this.image = image;
        this.readOnEdt = readOnEdt;
    }

    @Override
    public DataFlavor[] getTransferDataFlavors() {
        return new DataFlavor[] {DataFlavor.imageFlavor};
    }

    @Override
    public boolean isDataFlavorSupported(DataFlavor flavor) {
        return DataFlavor.imageFlavor.equals(flavor);
    }

    @Override
    public Object getTransferData(DataFlavor flavor) {
        readOnEdt.accept(javax.swing.SwingUtilities.isEventDispatchThread());
        return image;
    }
}
