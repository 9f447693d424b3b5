package dev.warren.app.ui.main;

import com.formdev.flatlaf.icons.FlatOptionPaneWarningIcon;
import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.ipc.SessionInfo;
import dev.warren.app.ipc.StoredConfig;
import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.ui.Keys;
import dev.warren.app.ui.ManagerSession;
import dev.warren.app.ui.SessionListener;
import dev.warren.app.ui.graph.TrafficGraph;
import dev.warren.app.ui.graph.TrafficHistory;
import dev.warren.app.ui.importing.ImportDialog;
import dev.warren.app.ui.log.LogPanel;
import dev.warren.app.ui.log.LogRow;
import dev.warren.app.ui.log.LogTableModel;
import dev.warren.app.ui.theme.ThemeChoice;
import dev.warren.app.ui.theme.ThemeController;
import dev.warren.app.ui.theme.UiPreferences;
import dev.warren.bridge.ipc.Role;
import dev.warren.core.config.ConfigLine;
import dev.warren.core.config.Key;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.WgQuickParser;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.swing.AbstractButton;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.Timer;
import javax.swing.UIManager;

/**
 * The main window: the tunnel list and the selected tunnel's status (live while it runs, with a traffic graph),
 * the log in a second tab, and every command in the toolbar, the menus and the list's context menu. Closing it
 * hides it to the tray when there is one; {@link #requestExit()} leaves the application.
 */
public final class MainWindow extends JFrame implements SessionListener {

    static final int POLL_MILLIS = 1000;
    private static final int GRAPH_SECONDS = 90;

    private final ManagerSession session;
    private final TunnelListPanel list = new TunnelListPanel();
    private final StatusPanel status = new StatusPanel();
    private final JLabel placeholder = new JLabel("", SwingConstants.CENTER);
    /** The status of the selected tunnel, or a hint when there is none to show. */
    private final JPanel statusCards = new JPanel(new CardLayout());
    private final JLabel operatorNote = new JLabel("You are an operator: you can activate and deactivate tunnels; "
            + "an administrator can add, change and export them.");
    private final JPanel graphPanel = new JPanel(new BorderLayout(0, 4));
    private final TrafficGraph graph;
    private final Map<String, TrafficHistory> histories = new HashMap<>();
    private final Map<String, Optional<TunnelConfig>> configs = new HashMap<>();
    private final Map<String, TunnelRuntime> runtimes = new HashMap<>();
    private final LogTableModel logModel = new LogTableModel(20_000);
    private final LogPanel logPanel = new LogPanel(logModel);
    private final JTabbedPane tabs = new JTabbedPane();
    private final JPanel banner = new JPanel(new BorderLayout(10, 0));
    private final JTextArea bannerText = new JTextArea();
    private final TunnelActions actions;
    private final Timer poll;
    private final Runnable exit;
    private final boolean hidesToTray;

    /**
     * @param exit        leaves the application (after {@link #requestExit()} has asked about running tunnels)
     * @param hidesToTray whether closing the window hides it (a tray icon brings it back) rather than exiting
     */
    public MainWindow(ManagerSession session, UiPreferences prefs, ThemeController theme, Runnable exit, boolean hidesToTray) {
        super("Warren");
        this.session = session;
        this.exit = exit;
        this.hidesToTray = hidesToTray;
        setName("mainWindow");
        setIconImages(TunnelIcons.appImages());
        actions = new TunnelActions(this, session, list);
        graph = new TrafficGraph(new TrafficHistory(GRAPH_SECONDS));
        graph.setName("trafficGraph");

        tabs.setName("tabs");
        tabs.addTab("Tunnels", tunnelsTab());
        tabs.setMnemonicAt(0, KeyEvent.VK_N);
        tabs.addTab("Log", logPanel);
        tabs.setMnemonicAt(1, KeyEvent.VK_L);
        tabs.addChangeListener(e -> actions.setListShown(tabs.getSelectedIndex() == 0));

        banner.setName("banner");
        bannerText.setName("bannerText");
        Color warn = UIManager.getColor("Component.warning.focusedBorderColor");
        banner.setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(0, 0, 1, 0, warn != null ? warn : Color.ORANGE),
                BorderFactory.createEmptyBorder(8, 12, 8, 12)));
        // A wrapping, read-only text: the sentence names a path and a command, and must never be cut off.
        bannerText.setEditable(false);
        bannerText.setFocusable(false);
        bannerText.setLineWrap(true);
        bannerText.setWrapStyleWord(true);
        bannerText.setOpaque(false);
        bannerText.setBorder(BorderFactory.createEmptyBorder());
        bannerText.setFont(UIManager.getFont("Label.font"));
        bannerText.getAccessibleContext().setAccessibleName("Manager connection problem");
        JButton retry = new JButton(Keys.action("Retry now", 'y', null, e -> session.connect()));
        retry.setName("retry");
        JPanel retryHolder = new JPanel(new BorderLayout());
        retryHolder.add(retry, BorderLayout.NORTH);
        banner.add(new JLabel(new FlatOptionPaneWarningIcon()), BorderLayout.WEST);
        banner.add(bannerText, BorderLayout.CENTER);
        banner.add(retryHolder, BorderLayout.EAST);
        banner.setVisible(false);

        JPanel content = new JPanel(new BorderLayout());
        content.add(banner, BorderLayout.NORTH);
        content.add(tabs, BorderLayout.CENTER);
        setContentPane(content);
        setJMenuBar(menuBar(theme));
        setTransferHandler(ImportDialog.fileDropHandler(actions::openImport));
        // The list would swallow drops with its own handler; files dropped on it import like anywhere else.
        list.tunnelList().setTransferHandler(getTransferHandler());

        setDefaultCloseOperation(DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                if (MainWindow.this.hidesToTray) {
                    setVisible(false);
                } else {
                    requestExit();
                }
            }
        });
        poll = new Timer(POLL_MILLIS, e -> pollSelected());
        poll.start();
        list.onSelectionChange(this::selectionChanged);
        session.addListener(this);
        setMinimumSize(new Dimension(720, 460));
        setSize(960, 620);
        prefs.rememberBounds(this, "main");
        theme.watch(this);
        showPlaceholder();
    }

    private JComponent tunnelsTab() {
        JToolBar toolbar = new JToolBar();
        toolbar.setFloatable(false);
        toolbar.setName("toolbar");
        // Short labels, so the toolbar fits the minimum width; the tooltip has the full name and the shortcut, and
        // the mnemonics live in the Tunnel menu (the same letters on buttons would clash with the tabs and menus).
        toolbarButton(toolbar, actions.add, "Add");
        toolbarButton(toolbar, actions.importFiles, "Import");
        toolbarButton(toolbar, actions.edit, "Edit");
        toolbarButton(toolbar, actions.remove, "Remove");
        toolbar.addSeparator();
        toolbarButton(toolbar, actions.exportAll, "Export all");
        toolbarButton(toolbar, actions.exportOne, "Export");
        toolbarButton(toolbar, actions.showQr, "QR code");
        toolbar.setBorder(BorderFactory.createEmptyBorder(4, 6, 0, 6));
        JPanel left = new JPanel(new BorderLayout(0, 6));
        left.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 4));
        left.add(list, BorderLayout.CENTER);

        JPopupMenu context = new JPopupMenu();
        tunnelCommands().forEach(context::add);
        list.tunnelList().setComponentPopupMenu(context);
        Keys.bind(list.tunnelList(), actions.remove, actions.selectAll);
        list.tunnelList().getInputMap().put(Keys.key(KeyEvent.VK_ENTER), "Activate");
        list.tunnelList().getActionMap().put("Activate", actions.toggle);

        JButton toggle = new JButton(actions.toggle);
        toggle.setName("toggle");
        JPanel buttonRow = new JPanel(new FlowLayout(FlowLayout.TRAILING, 0, 0));
        buttonRow.add(toggle);
        JButton edit = new JButton(actions.edit);
        edit.setName("edit");
        buttonRow.add(Box.createHorizontalStrut(6));
        buttonRow.add(edit);

        JLabel graphTitle = new JLabel("Traffic");
        graphTitle.setFont(graphTitle.getFont().deriveFont(Font.BOLD));
        graphPanel.add(graphTitle, BorderLayout.NORTH);
        graphPanel.add(graph, BorderLayout.CENTER);
        graphPanel.setBorder(BorderFactory.createEmptyBorder(8, 4, 0, 4));
        graphPanel.setVisible(false);

        placeholder.setName("placeholder");
        placeholder.setForeground(UIManager.getColor("Label.disabledForeground"));
        JScrollPane statusScroll = new JScrollPane(status);
        statusScroll.setBorder(BorderFactory.createEmptyBorder());
        statusScroll.getVerticalScrollBar().setUnitIncrement(16);
        statusCards.add(statusScroll, "status");
        statusCards.add(placeholder, "placeholder");

        JPanel right = new JPanel(new BorderLayout(0, 8));
        right.setBorder(BorderFactory.createEmptyBorder(8, 4, 8, 8));
        right.add(statusCards, BorderLayout.CENTER);
        JPanel south = new JPanel(new BorderLayout(0, 8));
        south.add(graphPanel, BorderLayout.CENTER);
        south.add(buttonRow, BorderLayout.SOUTH);
        right.add(south, BorderLayout.SOUTH);

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, right);
        split.setDividerLocation(260);
        split.setResizeWeight(0);
        split.setBorder(BorderFactory.createEmptyBorder());
        operatorNote.setName("operatorNote");
        operatorNote.setBorder(BorderFactory.createEmptyBorder(8, 10, 0, 10));
        operatorNote.setForeground(UIManager.getColor("Label.disabledForeground"));
        operatorNote.setVisible(false);
        JPanel north = new JPanel(new BorderLayout());
        north.add(toolbar, BorderLayout.NORTH);
        north.add(operatorNote, BorderLayout.SOUTH);
        JPanel tab = new JPanel(new BorderLayout());
        tab.add(north, BorderLayout.NORTH);
        tab.add(split, BorderLayout.CENTER);
        return tab;
    }

    private static void toolbarButton(JToolBar toolbar, Action a, String label) {
        JButton b = toolbar.add(a);
        b.setName("tool." + label.replace(" ", ""));
        b.setHideActionText(false);
        b.setText(label);
        b.setMnemonic(0);
        KeyStroke ks = (KeyStroke) a.getValue(Action.ACCELERATOR_KEY);
        String tip = a.getValue(Action.NAME) + ": " + a.getValue(Action.SHORT_DESCRIPTION);
        b.setToolTipText(ks == null ? tip : tip + " (" + Keys.describe(ks) + ")");
    }

    /**
     * The tunnel commands as the Tunnel menu and the list's context menu both show them; new items each time, as a
     * menu item has one parent.
     */
    private List<JComponent> tunnelCommands() {
        return List.of(new JMenuItem(actions.toggle), new JCheckBoxMenuItem(actions.startAtBoot),
                new JPopupMenu.Separator(),
                new JMenuItem(actions.add), new JMenuItem(actions.importFiles), new JMenuItem(actions.exportAll),
                new JMenuItem(actions.exportOne), new JMenuItem(actions.showQr),
                new JPopupMenu.Separator(),
                new JMenuItem(actions.edit), new JMenuItem(actions.remove), new JMenuItem(actions.selectAll));
    }

    private JMenuBar menuBar(ThemeController theme) {
        JMenuBar bar = new JMenuBar();
        JMenu tunnel = new JMenu("Tunnel");
        tunnel.setMnemonic(KeyEvent.VK_T);
        tunnelCommands().forEach(tunnel::add);
        tunnel.addSeparator();
        tunnel.add(Keys.action("Close window", 'C', Keys.ctrl('W'), e -> dispatchEvent(new WindowEvent(this, WindowEvent.WINDOW_CLOSING))));
        tunnel.add(Keys.action("Exit", 'x', Keys.ctrl('Q'), e -> requestExit()));
        bar.add(tunnel);

        JMenu view = new JMenu("View");
        view.setMnemonic(KeyEvent.VK_V);
        view.add(Keys.action("Tunnels", 'T', Keys.ctrl('1'), e -> tabs.setSelectedIndex(0)));
        view.add(Keys.action("Log", 'L', Keys.ctrl('L'), e -> tabs.setSelectedIndex(1)));
        view.add(Keys.action("Find…", 'F', Keys.ctrl('F'), e -> {
            if (tabs.getSelectedIndex() == 0) {
                list.filterField().requestFocusInWindow();
            } else {
                logPanel.focusFilter();
            }
        }));
        view.addSeparator();
        JMenu themeMenu = new JMenu("Theme");
        themeMenu.setMnemonic(KeyEvent.VK_H);
        ButtonGroup group = new ButtonGroup();
        for (ThemeChoice c : ThemeChoice.values()) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(c.label(), theme.choice() == c);
            item.setName("theme." + c.name());
            item.setMnemonic(c.label().charAt(0));
            item.addActionListener(e -> theme.choose(c));
            group.add(item);
            themeMenu.add(item);
        }
        view.add(themeMenu);
        bar.add(view);

        JMenu help = new JMenu("Help");
        help.setMnemonic(KeyEvent.VK_H);
        help.add(Keys.action("About Warren", 'A', null, e -> AboutDialog.show(this, session)));
        bar.add(help);
        return bar;
    }

    public TunnelActions actions() {
        return actions;
    }

    /** Brings the window to the front, un-hiding and de-iconifying it (tray click, second launch). */
    public void raise() {
        setVisible(true);
        setExtendedState(getExtendedState() & ~ICONIFIED);
        toFront();
        requestFocus();
    }

    /**
     * Leaves the application; when tunnels are running, first asks whether to stop them (Yes), leave them running
     * under the manager (No) or not exit (Cancel).
     */
    public void requestExit() {
        List<String> running = session.tunnels().stream()
                .filter(t -> t.state() == TunnelState.ACTIVE || t.state() == TunnelState.ACTIVATING)
                .map(TunnelSummary::name).toList();
        if (running.isEmpty() || !session.isConnected()) {
            exit.run();
            return;
        }
        raise();
        String names = String.join(", ", running);
        int answer = JOptionPane.showConfirmDialog(this,
                "Stop the running tunnels (" + names + ") before exiting?\n"
                        + "If you keep them, the manager goes on running them without the window.",
                "Exit Warren", JOptionPane.YES_NO_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE);
        if (answer == JOptionPane.YES_OPTION) {
            stopThenExit(running);
        } else if (answer == JOptionPane.NO_OPTION) {
            exit.run();
        }
    }

    /**
     * Stops the tunnels, then exits; if any stop fails, says which and why and stays open, since the user asked
     * for the tunnels to be stopped and leaving silently would leave one running unnoticed.
     */
    private void stopThenExit(List<String> running) {
        int[] left = {running.size()};
        List<String> failures = new ArrayList<>();
        Runnable oneDone = () -> {
            if (--left[0] > 0) {
                return;
            }
            if (failures.isEmpty()) {
                exit.run();
            } else {
                JOptionPane.showMessageDialog(this, String.join("\n", failures)
                        + "\nWarren stays open; exit again to retry, or choose No to leave the tunnels running.",
                        "Exit Warren", JOptionPane.ERROR_MESSAGE);
            }
        };
        for (String n : running) {
            session.call(m -> m.stopTunnel(n), r -> oneDone.run(), e -> {
                failures.add("Could not stop '" + n + "': " + e.getMessage());
                oneDone.run();
            });
        }
    }

    /** Stops polling; the session is closed by the application. */
    public void shutDown() {
        poll.stop();
        dispose();
    }

    @Override
    public void connected(SessionInfo info) {
        banner.setVisible(false);
        setTitle(info.role() == Role.OPERATOR ? "Warren (operator: start and stop only)" : "Warren");
        boolean admin = info.role() == Role.ADMIN;
        operatorNote.setVisible(!admin);
        for (Action a : actions.adminOnly()) {
            setVisibleEverywhere(a, admin);
        }
        actions.refresh();
    }

    /** Hides the toolbar buttons and menu items of an action an operator may not use. */
    private void setVisibleEverywhere(Action a, boolean visible) {
        a.putValue("hidden", !visible);
        for (JComponent root : List.of(getRootPane(), (JComponent) list.tunnelList().getComponentPopupMenu())) {
            visit(root, a, visible);
        }
        for (int i = 0; i < getJMenuBar().getMenuCount(); i++) {
            visit(getJMenuBar().getMenu(i).getPopupMenu(), a, visible);
        }
    }

    private static void visit(Container c, Action a, boolean visible) {
        for (Component child : c.getComponents()) {
            if (child instanceof AbstractButton b && b.getAction() == a) {
                b.setVisible(visible);
            }
            if (child instanceof Container inner) {
                visit(inner, a, visible);
            }
        }
    }

    @Override
    public void disconnected(String message) {
        bannerText.setText(message);
        banner.setVisible(true);
        configs.clear();
        runtimes.clear();
        actions.refresh();
        showPlaceholder();
    }

    @Override
    public void tunnelsChanged(List<TunnelSummary> tunnels) {
        list.setTunnels(tunnels);
        List<String> names = tunnels.stream().map(TunnelSummary::name).toList();
        configs.keySet().retainAll(names);
        histories.keySet().retainAll(names);
        runtimes.keySet().retainAll(names);
        actions.refresh();
        selectionChanged();
    }

    @Override
    public void logAppended(List<LogEntry> entries) {
        logPanel.append(entries.stream()
                .map(e -> new LogRow(Instant.ofEpochMilli(e.timeMillis()), e.source(), e.message())).toList());
    }

    private Optional<TunnelSummary> selectedSingle() {
        List<TunnelSummary> s = list.selected();
        return s.size() == 1 ? Optional.of(s.getFirst()) : Optional.empty();
    }

    private void selectionChanged() {
        actions.refresh();
        Optional<TunnelSummary> t = selectedSingle();
        if (t.isEmpty()) {
            showPlaceholder();
            return;
        }
        loadConfig(t.get().name());
        if (t.get().state() != TunnelState.ACTIVE) {
            runtimes.remove(t.get().name());
        }
        showStatus();
        pollSelected();
    }

    private void loadConfig(String name) {
        session.call(m -> m.getConfig(name), (StoredConfig c) -> {
            ParseResult r = WgQuickParser.parse(name + ".conf", c.redacted() ? withStandInKey(c.text()) : c.text());
            configs.put(name, r instanceof ParseResult.Valid v ? Optional.of(v.config()) : Optional.empty());
            showStatus();
        }, e -> {
            // The list will say more when the tunnel is gone; the status then shows what the summary has.
        });
    }

    /**
     * An operator's copy of a config lacks its PrivateKey line, which the parser requires. A throwaway key lets
     * the rest (addresses, DNS, peers, endpoints) parse for display; operators never see keys, so it is never shown.
     */
    static String withStandInKey(String redacted) {
        StringBuilder out = new StringBuilder(redacted.length() + 64);
        boolean added = false;
        for (ConfigLine line : ConfigLine.split(redacted)) {
            out.append(line.content()).append(line.terminator());
            String content = line.content().contains("#") ? line.content().substring(0, line.content().indexOf('#'))
                    : line.content();
            if (!added && content.strip().equalsIgnoreCase("[Interface]")) {
                String eol = line.terminator().isEmpty() ? "\n" : line.terminator();
                out.append(line.terminator().isEmpty() ? eol : "").append("PrivateKey = ")
                        .append(Key.generatePrivate().toBase64()).append(eol);
                added = true;
            }
        }
        return out.toString();
    }

    private void pollSelected() {
        Optional<TunnelSummary> t = selectedSingle();
        if (!isShowing() || t.isEmpty() || t.get().state() != TunnelState.ACTIVE) {
            return;
        }
        String name = t.get().name();
        session.call(m -> m.runtime(name), (TunnelRuntime r) -> {
            if (r == null) {
                runtimes.remove(name);
            } else {
                runtimes.put(name, r);
                long rx = 0;
                long tx = 0;
                for (PeerRuntime p : r.peers()) {
                    rx += p.rxBytes();
                    tx += p.txBytes();
                }
                histories.computeIfAbsent(name, n -> new TrafficHistory(GRAPH_SECONDS)).sample(System.nanoTime(), rx, tx);
            }
            showStatus();
        }, e -> {
            // A failed poll is retried on the next tick; a lost connection shows in the banner.
        });
    }

    private void showStatus() {
        Optional<TunnelSummary> t = selectedSingle();
        if (t.isEmpty()) {
            showPlaceholder();
            return;
        }
        String name = t.get().name();
        boolean active = t.get().state() == TunnelState.ACTIVE;
        Optional<TunnelRuntime> runtime = active ? Optional.ofNullable(runtimes.get(name)) : Optional.empty();
        status.show(StatusView.of(t.get(), configs.getOrDefault(name, Optional.empty()), runtime, Instant.now(),
                session.isOperator()));
        ((CardLayout) statusCards.getLayout()).show(statusCards, "status");
        TrafficHistory h = histories.computeIfAbsent(name, n -> new TrafficHistory(GRAPH_SECONDS));
        graphPanel.setVisible(active);
        graph.show(h);
    }

    private void showPlaceholder() {
        status.show(new StatusView(List.of()));
        ((CardLayout) statusCards.getLayout()).show(statusCards, "placeholder");
        graphPanel.setVisible(false);
        if (!session.isConnected()) {
            placeholder.setText("Not connected to the Warren manager.");
        } else if (session.tunnels().isEmpty()) {
            placeholder.setText("<html><center>No tunnels yet.<br>Import one (Ctrl+O) or add an empty one (Ctrl+N).</center></html>");
        } else {
            placeholder.setText(list.selected().size() > 1 ? list.selected().size() + " tunnels selected" : "Select a tunnel");
        }
    }
}
