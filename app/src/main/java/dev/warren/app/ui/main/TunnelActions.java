package dev.warren.app.ui.main;

import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.StoredConfig;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.ui.Keys;
import dev.warren.app.ui.ManagerSession;
import dev.warren.app.ui.editor.TunnelEditor;
import dev.warren.app.ui.importing.ImportDialog;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.swing.Action;
import javax.swing.JOptionPane;

/**
 * Every command on tunnels, shared by the toolbar, the menus, the list's context menu and the tray, so each has
 * one mnemonic, one shortcut and one enabled-state rule. Commands that change the store are administrator-only
 * and hidden from operators.
 */
public final class TunnelActions {

    private final Window owner;
    private final ManagerSession session;
    private final TunnelListPanel list;
    private final Exporter exporter;

    final Action toggle;
    final Action add;
    final Action importFiles;
    final Action exportAll;
    final Action exportOne;
    final Action showQr;
    final Action edit;
    final Action remove;
    final Action selectAll;
    /** Checkable: whether the selected tunnel is marked to start when the manager starts (at boot). */
    final Action startAtBoot;
    private boolean listShown = true;

    TunnelActions(Window owner, ManagerSession session, TunnelListPanel list) {
        this.owner = owner;
        this.session = session;
        this.list = list;
        this.exporter = new Exporter(owner, session);
        toggle = Keys.action("Activate", 'A', Keys.ctrl('T'), e -> toggleSelected());
        add = Keys.action("Add empty tunnel…", 'n', Keys.ctrl('N'), e -> addEmpty());
        importFiles = Keys.action("Import tunnel(s)…", 'I', Keys.ctrl('O'), e -> openImport(List.of()));
        exportAll = Keys.action("Export all tunnels to zip…", 'z', null, e -> exporter.exportAllToZip());
        exportOne = Keys.action("Export tunnel to file…", 'f', null, e -> exporter.exportToFile(single()));
        showQr = Keys.action("Show QR code…", 'Q', null, e -> exporter.showQrCode(single()));
        edit = Keys.action("Edit…", 'E', Keys.ctrl('E'), e -> editSelected());
        remove = Keys.action("Remove…", 'R', Keys.key(KeyEvent.VK_DELETE), e -> removeSelected());
        selectAll = Keys.action("Select all", 'l', Keys.ctrl('A'), e -> list.selectAll());
        startAtBoot = Keys.action("Start at boot", 'b', null, e -> toggleBootStart());
        startAtBoot.putValue(Action.SELECTED_KEY, false);
        describe(toggle, "Activate or deactivate the selected tunnel");
        describe(add, "Create a tunnel with a fresh private key");
        describe(importFiles, "Import .conf, .zip or QR code pictures");
        describe(exportAll, "Save every tunnel's config into one zip file");
        describe(exportOne, "Save the selected tunnel's config as a .conf file");
        describe(showQr, "Show the selected tunnel as a QR code for the WireGuard mobile apps");
        describe(edit, "Edit the selected tunnel");
        describe(remove, "Remove the selected tunnels");
        describe(selectAll, "Select every tunnel in the list");
        describe(startAtBoot, "Start the selected tunnel whenever the manager starts, as at boot");
        list.onSelectionChange(this::refresh);
        refresh();
    }

    private static void describe(Action a, String text) {
        a.putValue(Action.SHORT_DESCRIPTION, text);
    }

    /** The actions only administrators may use. */
    List<Action> adminOnly() {
        return List.of(add, importFiles, exportAll, exportOne, showQr, edit, remove, startAtBoot);
    }

    /**
     * Whether the tunnel list is on screen. The commands on the selected tunnels are off while it is not: their
     * shortcuts (Delete, Ctrl+E, Ctrl+T) would otherwise act on a selection the user cannot see.
     */
    void setListShown(boolean shown) {
        listShown = shown;
        refresh();
    }

    /** Enables what the selection, the connection and the role allow; names Activate/Deactivate by state. */
    public void refresh() {
        boolean connected = session.isConnected();
        boolean admin = connected && !session.isOperator();
        List<TunnelSummary> selected = listShown ? list.selected() : List.of();
        boolean one = selected.size() == 1;
        TunnelState state = one ? selected.getFirst().state() : null;
        boolean running = state == TunnelState.ACTIVE || state == TunnelState.ACTIVATING;
        toggle.putValue(Action.NAME, running ? "Deactivate" : "Activate");
        toggle.putValue(Action.MNEMONIC_KEY, running ? KeyEvent.VK_D : KeyEvent.VK_A);
        toggle.putValue(Action.DISPLAYED_MNEMONIC_INDEX_KEY, 0);
        toggle.setEnabled(connected && one && state != TunnelState.DEACTIVATING);
        add.setEnabled(admin);
        importFiles.setEnabled(admin);
        exportAll.setEnabled(admin && !session.tunnels().isEmpty());
        exportOne.setEnabled(admin && one);
        showQr.setEnabled(admin && one);
        edit.setEnabled(admin && one);
        remove.setEnabled(admin && !selected.isEmpty());
        selectAll.setEnabled(listShown && !session.tunnels().isEmpty());
        startAtBoot.setEnabled(admin && one);
        startAtBoot.putValue(Action.SELECTED_KEY, one && selected.getFirst().bootStart());
    }

    private String single() {
        return list.selectedNames().getFirst();
    }

    void toggleSelected() {
        List<TunnelSummary> selected = list.selected();
        if (selected.size() != 1) {
            return;
        }
        TunnelSummary t = selected.getFirst();
        boolean running = t.state() == TunnelState.ACTIVE || t.state() == TunnelState.ACTIVATING;
        toggle.setEnabled(false);
        session.call(m -> running ? m.stopTunnel(t.name()) : m.startTunnel(t.name()), r -> refresh(), e -> {
            refresh();
            error((running ? "Could not deactivate '" : "Could not activate '") + t.name() + "'", e);
        });
    }

    private void toggleBootStart() {
        List<TunnelSummary> selected = list.selected();
        if (selected.size() != 1) {
            return;
        }
        TunnelSummary t = selected.getFirst();
        boolean mark = !t.bootStart();
        startAtBoot.setEnabled(false);
        // The manager announces the new mark to every client; the list, this action and the status follow it.
        session.call(m -> m.setBootStart(t.name(), mark), r -> refresh(), e -> {
            refresh();
            error((mark ? "Could not mark '" : "Could not unmark '") + t.name() + "' to start at boot", e);
        });
    }

    /** Starts or stops one tunnel by name (the tray's checkable items). */
    public void setActive(String name, boolean active) {
        session.call(m -> active ? m.startTunnel(name) : m.stopTunnel(name), r -> refresh(),
                e -> error((active ? "Could not activate '" : "Could not deactivate '") + name + "'", e));
    }

    private void addEmpty() {
        openEditor("Create new tunnel", "", TunnelEditor.emptyConfig(), null);
    }

    private void editSelected() {
        String name = single();
        session.call(m -> m.getConfig(name), (StoredConfig c) -> openEditor("Edit tunnel", name, c.text(), name),
                e -> error("Could not open '" + name + "'", e));
    }

    private void openEditor(String title, String name, String text, String original) {
        Set<String> taken = session.tunnels().stream().map(TunnelSummary::name)
                .filter(n -> !n.equals(original)).collect(Collectors.toSet());
        TunnelEditor editor = new TunnelEditor(owner, title, name, text, taken, (newName, newText, done) ->
                session.call(m -> original == null ? m.createTunnel(newName, newText)
                                : m.updateTunnel(original, newName.equals(original) ? null : newName, newText),
                        saved -> {
                            done.accept(null);
                            list.select(saved.name());
                        },
                        e -> done.accept(e.getMessage())));
        editor.setVisible(true);
    }

    private void removeSelected() {
        List<String> names = list.selectedNames();
        if (names.isEmpty()) {
            return;
        }
        String quoted = names.size() == 1 ? "the tunnel '" + names.getFirst() + "'"
                : "the " + names.size() + " tunnels " + names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        int answer = JOptionPane.showConfirmDialog(owner, "Remove " + quoted + "? This cannot be undone.",
                "Remove tunnels", JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            return;
        }
        for (String n : names) {
            session.call(m -> m.deleteTunnel(n), r -> refresh(), e -> error("Could not remove '" + n + "'", e));
        }
    }

    /** Opens the import dialog, importing {@code dropped} files at once when there are any. */
    public ImportDialog openImport(List<Path> dropped) {
        ImportDialog d = new ImportDialog(owner, session);
        d.onImported(list::select);
        d.setVisible(true);
        d.importFiles(dropped);
        return d;
    }

    private void error(String what, ManagerException e) {
        JOptionPane.showMessageDialog(owner, what + ": " + e.getMessage(), "Warren", JOptionPane.ERROR_MESSAGE);
    }
}
