package dev.warren.app.ui.tray;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.SessionInfo;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelStateChange;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.ui.ManagerSession;
import dev.warren.app.ui.SessionListener;
import dev.warren.app.ui.main.TunnelIcons;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.Image;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The tray icon: its picture and tooltip follow the manager's global state; its menu shows the status and the
 * active addresses, a checkable item per tunnel (in a "Tunnels" submenu past {@value #INLINE_TUNNELS}), and the
 * app's entry points. Tunnel activations, deactivations and failures pop up as desktop notifications. A left
 * click opens the main window. All of it on the event dispatch thread.
 */
public final class TrayController implements SessionListener {

    static final int INLINE_TUNNELS = 10;

    /** What the tray's fixed menu items do; supplied by the application. */
    public record Commands(Runnable manage, Runnable importTunnels, Runnable about, Runnable exit,
            BiConsumer<String, Boolean> setActive) {
    }

    private final ManagerSession session;
    private final Commands commands;
    private final TrayIcon icon;
    private final PopupMenu menu = new PopupMenu();
    private final Map<ManagerState, Image> images = new EnumMap<>(ManagerState.class);
    private boolean rebuilding;

    private TrayController(ManagerSession session, Commands commands, int size) {
        this.session = session;
        this.commands = commands;
        for (ManagerState s : ManagerState.values()) {
            images.put(s, new FlatSVGIcon(TunnelIcons.of(s).svgResource(), size, size).getImage());
        }
        icon = new TrayIcon(images.get(ManagerState.INACTIVE), "Warren", menu);
        icon.setImageAutoSize(true);
        icon.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getButton() == MouseEvent.BUTTON1) {
                    commands.manage().run();
                }
            }
        });
        // Some panels (and keyboard activation) send an action event instead of a click.
        icon.addActionListener(e -> commands.manage().run());
        rebuild();
    }

    /** Installs the tray icon when the desktop has a tray; the app works without one. */
    public static Optional<TrayController> install(ManagerSession session, Commands commands) {
        if (!SystemTray.isSupported()) {
            return Optional.empty();
        }
        SystemTray tray = SystemTray.getSystemTray();
        int size = Math.max(16, Math.min(tray.getTrayIconSize().width, tray.getTrayIconSize().height));
        TrayController c = new TrayController(session, commands, size);
        try {
            tray.add(c.icon);
        } catch (AWTException noTrayAfterAll) {
            return Optional.empty();
        }
        session.addListener(c);
        return Optional.of(c);
    }

    public PopupMenu menu() {
        return menu;
    }

    public void remove() {
        SystemTray.getSystemTray().remove(icon);
    }

    @Override
    public void tunnelsChanged(List<TunnelSummary> tunnels) {
        rebuild();
    }

    @Override
    public void managerStateChanged(ManagerState state) {
        rebuild();
    }

    @Override
    public void connected(SessionInfo info) {
        rebuild();
    }

    @Override
    public void disconnected(String message) {
        rebuild();
    }

    @Override
    public void tunnelStateChanged(TunnelStateChange change) {
        // The caption says what happened: some desktops show only the caption of a notification.
        switch (change.state()) {
            case ACTIVE -> icon.displayMessage("Warren: tunnel '" + change.name() + "' is active",
                    session.tunnel(change.name()).filter(t -> !t.addresses().isEmpty())
                            .map(t -> "Addresses: " + String.join(", ", t.addresses())).orElse("Its traffic goes through the tunnel now."),
                    TrayIcon.MessageType.INFO);
            case INACTIVE -> icon.displayMessage("Warren: tunnel '" + change.name() + "' was deactivated",
                    "Its traffic no longer goes through the tunnel.", TrayIcon.MessageType.INFO);
            case ERROR -> icon.displayMessage("Warren: tunnel '" + change.name() + "' failed",
                    change.error() != null ? change.error() : "It stopped with an error; see the log.", TrayIcon.MessageType.ERROR);
            default -> {
                // Transitions in progress show in the icon only.
            }
        }
    }

    /** The text of the status line at the top of the menu (also the tooltip's first line). */
    String statusText() {
        if (!session.isConnected()) {
            return "Manager not connected";
        }
        return switch (session.state()) {
            case INACTIVE -> "Status: Inactive";
            case ACTIVATING -> "Status: Activating…";
            case ACTIVE -> "Status: Active";
            case ERROR -> "Status: Failed";
        };
    }

    private void rebuild() {
        rebuilding = true;
        try {
            menu.removeAll();
            List<TunnelSummary> tunnels = session.tunnels();
            List<TunnelSummary> active = tunnels.stream().filter(t -> t.state() == TunnelState.ACTIVE).toList();
            MenuItem statusItem = new MenuItem(statusText());
            statusItem.setEnabled(false);
            menu.add(statusItem);
            List<String> addresses = active.stream().flatMap(t -> t.addresses().stream()).toList();
            if (!addresses.isEmpty()) {
                MenuItem a = new MenuItem("Addresses: " + String.join(", ", addresses));
                a.setEnabled(false);
                menu.add(a);
            }
            if (!tunnels.isEmpty()) {
                menu.addSeparator();
                Menu target = menu;
                if (tunnels.size() > INLINE_TUNNELS) {
                    Menu sub = new Menu("Tunnels");
                    menu.add(sub);
                    target = sub;
                }
                for (TunnelSummary t : tunnels) {
                    CheckboxMenuItem item = new CheckboxMenuItem(t.name(),
                            t.state() == TunnelState.ACTIVE || t.state() == TunnelState.ACTIVATING);
                    item.setName("tray." + t.name());
                    item.setEnabled(t.state() != TunnelState.ACTIVATING && t.state() != TunnelState.DEACTIVATING);
                    item.addItemListener(e -> {
                        if (!rebuilding) {
                            commands.setActive().accept(t.name(), item.getState());
                        }
                    });
                    target.add(item);
                }
            }
            menu.addSeparator();
            menu.add(item("Manage tunnels…", commands.manage()));
            MenuItem imp = item("Import tunnel(s) from file…", commands.importTunnels());
            imp.setEnabled(session.isConnected() && !session.isOperator());
            menu.add(imp);
            menu.addSeparator();
            menu.add(item("About Warren", commands.about()));
            menu.add(item("Exit", commands.exit()));

            ManagerState s = session.state();
            icon.setImage(images.get(session.isConnected() ? s : ManagerState.ERROR));
            StringBuilder tip = new StringBuilder("Warren: ").append(statusText().replace("Status: ", ""));
            for (TunnelSummary t : active) {
                tip.append('\n').append(t.name()).append(": ").append(String.join(", ", t.addresses()));
            }
            icon.setToolTip(tip.toString());
        } finally {
            rebuilding = false;
        }
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem m = new MenuItem(label);
        m.addActionListener(e -> action.run());
        return m;
    }
}
