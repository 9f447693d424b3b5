package dev.warren.app.ui.importing;

import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.ui.Keys;
import dev.warren.app.ui.ManagerSession;
import dev.warren.app.ui.theme.Theme;
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
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.KeyEvent;
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
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JTextArea;
import javax.swing.ListCellRenderer;
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

        JList<String> list = new JList<>(results) {
            @Override
            public boolean getScrollableTracksViewportWidth() {
                // Lines wrap at the visible width instead of scrolling sideways.
                return true;
            }
        };
        list.setName("importResults");
        list.setCellRenderer(new ResultRenderer());
        list.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                // The list caches each line's height, which depends on the width it wraps at.
                list.setFixedCellHeight(0);
                list.setFixedCellHeight(-1);
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

    /**
     * Imports what the clipboard holds: copied files, a picture of a QR code, or config text (named by the user).
     * The clipboard is read and a picture decoded in the background; only the question and the result are shown
     * on the event dispatch thread.
     */
    public void pasteClipboard() {
        String before = summary.getText();
        summary.setText("Reading the clipboard…");
        new SwingWorker<PastedContent, Void>() {
            @Override
            protected PastedContent doInBackground() {
                return PastedContent.read(Toolkit.getDefaultToolkit().getSystemClipboard());
            }

            @Override
            protected void done() {
                try {
                    switch (get()) {
                        case PastedContent.Files f -> importFiles(f.files());
                        case PastedContent.Config c -> askName(c.what()).ifPresentOrElse(
                                name -> store(ImportBatch.of(List.of(new ImportCandidate(name, c.text(), c.origin())))),
                                () -> summary.setText(before));
                        case PastedContent.Nothing n -> store(n.failure());
                    }
                } catch (ExecutionException e) {
                    store(ImportBatch.failed("clipboard", "could not be read: " + e.getCause().getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private Optional<String> askName(String what) {
        String name = (String) JOptionPane.showInputDialog(this, "Name for the " + what + ":", "Import tunnel",
                JOptionPane.QUESTION_MESSAGE, null, null, "");
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name.strip());
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

    /** A result line, wrapped to the list's width so every reason reads whole; green or red at a glance. */
    private static final class ResultRenderer extends JTextArea implements ListCellRenderer<String> {

        ResultRenderer() {
            setLineWrap(true);
            setWrapStyleWord(true);
            setBorder(BorderFactory.createEmptyBorder(2, 6, 2, 6));
        }

        @Override
        public Component getListCellRendererComponent(JList<? extends String> list, String value, int index,
                boolean selected, boolean focus) {
            setText(value);
            setFont(list.getFont());
            setBackground(selected ? list.getSelectionBackground() : list.getBackground());
            Color status = UIManager.getColor(value.startsWith("✓") ? Theme.SUCCESS_FOREGROUND : Theme.ERROR_FOREGROUND);
            setForeground(selected ? list.getSelectionForeground() : status != null ? status : list.getForeground());
            // The preferred height follows from the width the text wraps at; before the list is laid out, its
            // preferred width stands in.
            int width = list.getWidth() > 0 ? list.getWidth() : list.getParent() != null ? list.getParent().getWidth() : 0;
            setSize(width > 0 ? width : 600, Short.MAX_VALUE);
            return this;
        }
    }
}
