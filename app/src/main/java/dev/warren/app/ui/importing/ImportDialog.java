package dev.warren.app.ui.importing;

import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.ui.Keys;
import dev.warren.app.ui.ManagerSession;
import dev.warren.app.ui.theme.UiPreferences;
import dev.warren.core.config.ConfigError;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelName;
import dev.warren.core.config.WgQuickParser;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Image;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.SwingConstants;
import javax.swing.SwingWorker;
import javax.swing.TransferHandler;
import javax.swing.UIManager;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * Imports tunnels: from chosen {@code .conf}, {@code .zip} and QR-code picture files, from the clipboard (config
 * text, copied files or a copied picture), or from files dropped on it or on the main window. Reading happens in
 * the background; every config is checked with the parser before it is sent to the manager, and the dialog ends
 * with "Imported N of M" and one line per failure saying why.
 */
public final class ImportDialog extends JDialog {

    private final ManagerSession session;
    private final DefaultListModel<String> results = new DefaultListModel<>();
    private final JLabel summary = new JLabel("Choose files, paste from the clipboard, or drop files here.");
    private final List<Consumer<String>> importedListeners = new ArrayList<>();
    private int attempted;
    private int imported;
    private int pending;

    public ImportDialog(Window owner, ManagerSession session) {
        super(owner, "Import tunnels", ModalityType.MODELESS);
        this.session = session;
        setName("importDialog");

        Action choose = Keys.action("Choose files…", 'C', Keys.ctrl('O'), e -> chooseFiles());
        Action paste = Keys.action("Paste from clipboard", 'P', Keys.ctrl('V'), e -> pasteClipboard());
        Action close = Keys.action("Close", 'l', Keys.key(KeyEvent.VK_ESCAPE), e -> dispose());
        JButton chooseButton = new JButton(choose);
        chooseButton.setName("chooseFiles");
        JButton pasteButton = new JButton(paste);
        pasteButton.setName("paste");
        JButton closeButton = new JButton(close);
        closeButton.setName("close");

        JLabel drop = new JLabel("<html><center>Drop .conf files, .zip archives of them<br>or pictures of QR codes here</center></html>",
                SwingConstants.CENTER);
        drop.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createDashedBorder(UIManager.getColor("Component.borderColor"), 2, 6, 4, true),
                BorderFactory.createEmptyBorder(18, 18, 18, 18)));
        drop.setForeground(UIManager.getColor("Label.disabledForeground"));

        JList<String> list = new JList<>(results);
        list.setName("importResults");
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected, boolean focus) {
                JLabel c = (JLabel) super.getListCellRendererComponent(l, value, index, selected, focus);
                String text = String.valueOf(value);
                // The whole reason on hover, and green/red at a glance, as long lines scroll sideways.
                c.setToolTipText(text);
                if (!selected) {
                    Color colour = UIManager.getColor(text.startsWith("✓") ? "Actions.Green" : "Actions.Red");
                    if (colour != null) {
                        c.setForeground(colour);
                    }
                }
                return c;
            }
        });
        list.getAccessibleContext().setAccessibleName("Import results");
        JScrollPane scroll = new JScrollPane(list);
        scroll.setPreferredSize(new Dimension(640, 200));
        summary.setName("importSummary");
        summary.setFont(summary.getFont().deriveFont(Font.BOLD));

        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 0));
        top.add(chooseButton);
        top.add(pasteButton);
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(summary, BorderLayout.CENTER);
        JPanel closePanel = new JPanel(new FlowLayout(FlowLayout.TRAILING, 0, 0));
        closePanel.add(closeButton);
        bottom.add(closePanel, BorderLayout.EAST);
        JPanel middle = new JPanel(new BorderLayout(0, 8));
        middle.add(drop, BorderLayout.NORTH);
        middle.add(scroll, BorderLayout.CENTER);

        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        content.add(top, BorderLayout.NORTH);
        content.add(middle, BorderLayout.CENTER);
        content.add(bottom, BorderLayout.SOUTH);
        setContentPane(content);
        Keys.bind(getRootPane(), choose, paste);
        getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(Keys.key(KeyEvent.VK_ESCAPE), "Close");
        getRootPane().getActionMap().put("Close", close);
        setTransferHandler(fileDropHandler(this::importFiles));
        pack();
        setMinimumSize(new Dimension(Math.min(getWidth(), 480), Math.min(getHeight(), 320)));
        UiPreferences.rememberDialogBounds(this, "import");
    }

    /** Runs with each tunnel name the manager stored, on the event dispatch thread. */
    public void onImported(Consumer<String> listener) {
        importedListeners.add(listener);
    }

    /** A drop handler for {@code .conf}/{@code .zip}/picture files, also installed on the main window. */
    public static TransferHandler fileDropHandler(Consumer<List<Path>> onFiles) {
        return new TransferHandler() {
            @Override
            public boolean canImport(TransferSupport support) {
                return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
            }

            @Override
            public boolean importData(TransferSupport support) {
                try {
                    onFiles.accept(files(support.getTransferable()));
                    return true;
                } catch (UnsupportedFlavorException | IOException e) {
                    return false;
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Path> files(Transferable t) throws UnsupportedFlavorException, IOException {
        return ((List<File>) t.getTransferData(DataFlavor.javaFileListFlavor)).stream().map(File::toPath).toList();
    }

    private void chooseFiles() {
        JFileChooser chooser = new JFileChooser();
        chooser.setName("importChooser");
        chooser.setDialogTitle("Import tunnels from files");
        chooser.setMultiSelectionEnabled(true);
        chooser.setFileFilter(new FileNameExtensionFilter("Tunnel configs (*.conf, *.zip, QR code pictures)",
                "conf", "zip", "png", "jpg", "jpeg", "gif", "bmp"));
        if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            importFiles(List.of(chooser.getSelectedFiles()).stream().map(File::toPath).toList());
        }
    }

    /** Reads the files in the background, then stores every config found. */
    public void importFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        summary.setText("Reading " + (files.size() == 1 ? files.getFirst().getFileName() : files.size() + " files") + "…");
        new SwingWorker<ImportBatch, Void>() {
            @Override
            protected ImportBatch doInBackground() {
                return ImportReader.read(files);
            }

            @Override
            protected void done() {
                try {
                    store(get());
                } catch (ExecutionException e) {
                    store(ImportBatch.failed("the chosen files", "could not be read: " + e.getCause().getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    /** Imports what the clipboard holds: copied files, a picture of a QR code, or config text (named by the user). */
    public void pasteClipboard() {
        Transferable t = Toolkit.getDefaultToolkit().getSystemClipboard().getContents(null);
        try {
            if (t != null && t.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
                importFiles(files(t));
            } else if (t != null && t.isDataFlavorSupported(DataFlavor.imageFlavor)) {
                BufferedImage image = toBuffered((Image) t.getTransferData(DataFlavor.imageFlavor));
                askName("QR code").ifPresent(name -> store(ImportReader.readQrImage(image, "clipboard picture", name)));
            } else if (t != null && t.isDataFlavorSupported(DataFlavor.stringFlavor)) {
                String text = (String) t.getTransferData(DataFlavor.stringFlavor);
                if (text.isBlank()) {
                    store(ImportBatch.failed("clipboard", "holds no text"));
                } else {
                    askName("pasted config").ifPresent(name -> store(ImportBatch.of(List.of(ImportReader.pasted(name, text)))));
                }
            } else {
                store(ImportBatch.failed("clipboard", "holds no config text, files or picture"));
            }
        } catch (UnsupportedFlavorException | IOException | IllegalStateException e) {
            store(ImportBatch.failed("clipboard", "could not be read: " + e.getMessage()));
        }
    }

    private Optional<String> askName(String what) {
        String name = (String) JOptionPane.showInputDialog(this, "Name for the " + what + ":", "Import tunnel",
                JOptionPane.QUESTION_MESSAGE, null, null, "");
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name.strip());
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

    /** Checks each candidate locally, then asks the manager to store the valid ones. */
    private void store(ImportBatch batch) {
        attempted += batch.attempted();
        batch.failures().forEach(f -> results.addElement("✗ " + f));
        for (ImportCandidate c : batch.candidates()) {
            String problem = localProblem(c);
            if (problem != null) {
                results.addElement("✗ " + c.origin() + ": " + problem);
                continue;
            }
            pending++;
            session.call(m -> m.createTunnel(c.name(), c.text()), (TunnelSummary t) -> {
                pending--;
                imported++;
                results.addElement("✓ " + c.origin() + ": imported as '" + t.name() + "'");
                importedListeners.forEach(l -> l.accept(t.name()));
                updateSummary();
            }, (ManagerException e) -> {
                pending--;
                results.addElement("✗ " + c.origin() + ": " + e.getMessage());
                updateSummary();
            });
        }
        updateSummary();
    }

    /** Why a candidate cannot be imported before asking the manager, or null. */
    static String localProblem(ImportCandidate c) {
        String nameProblem = TunnelName.problem(c.name());
        if (nameProblem != null) {
            return "'" + c.name() + "' cannot be a tunnel name: " + nameProblem;
        }
        ParseResult r = WgQuickParser.parse(c.name() + ".conf", c.text());
        if (!r.errors().isEmpty()) {
            ConfigError first = r.errors().getFirst();
            return "line " + first.line() + ", column " + first.column() + ": " + first.message()
                    + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more)" : "");
        }
        return null;
    }

    private void updateSummary() {
        summary.setText(pending > 0 ? "Importing… " + imported + " of " + attempted + " so far"
                : "Imported " + imported + " of " + attempted + ".");
    }

    /** The result lines so far, for tests and screen readers. */
    public List<String> resultLines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            out.add(results.get(i));
        }
        return out;
    }
}
