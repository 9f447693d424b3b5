package dev.warren.app.ui;

import static dev.warren.app.ui.testing.RunningGui.await;
import static dev.warren.app.ui.testing.RunningGui.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.ui.graph.TrafficGraph;
import dev.warren.app.ui.testing.GuiTest;
import dev.warren.app.ui.testing.RunningGui;
import dev.warren.app.ui.testing.Screenshots;
import dev.warren.app.ui.testing.TrayProbe;
import dev.warren.app.ui.testing.WireguardGoPeer;
import dev.warren.app.ui.theme.ThemeChoice;
import java.awt.CheckboxMenuItem;
import java.awt.PopupMenu;
import java.awt.event.ItemEvent;
import java.nio.file.Path;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running tunnel seen through the GUI: the manager (in its own network namespace) runs it with the pure-Java
 * engine to a real wireguard-go peer; the status panel shows the handshake and the transfer growing, the graph
 * draws the rates, and the tray's checkable item stops and starts it.
 */
@GuiTest
@Tag("netns")
class ActiveTunnelGuiTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = ThemeChoice.class, names = {"LIGHT", "DARK"})
    void activateSeeHandshakeAndTransferThenToggleFromTheTray(ThemeChoice theme) throws Exception {
        try (WireguardGoPeer peer = new WireguardGoPeer(dir);
                ManagerProcess manager = new ManagerProcess(dir).inNetns(peer.managerNetns).start()) {
            try (ManagerClient admin = ManagerClient.connect(manager.socket)) {
                ManagerClient.await(admin.createTunnel("live", peer.config()));
            }
            try (RunningGui gui = new RunningGui(manager.socket, theme)) {
                await("listed", () -> gui.window.list("tunnelList").target().getModel().getSize() == 1);
                gui.window.list("tunnelList").selectItem("live");
                gui.window.button("toggle").requireText("Activate").click();
                try {
                    await("active", () -> gui.window.textBox("interface.Status").target().getText().equals("Active"));
                } catch (RuntimeException | AssertionError e) {
                    Screenshots.save(gui.app.window(), "failed-activation");
                    throw new AssertionError("status: " + gui.window.textBox("interface.Status").text()
                            + "\nmanager output:\n" + manager.output(), e);
                }
                gui.window.button("toggle").requireText("Deactivate");
                await("the activation is notified", () -> TrayProbe.notificationShowing("Warren: tunnel 'live' is active"));
                await("the tray icon shows a running tunnel", () -> TrayProbe.showsStateIcon(ManagerState.ACTIVE));

                peer.ping(3, 56);
                await("the handshake is shown", () -> gui.window.textBox("peer0.Latest handshake").target().getText()
                        .matches("(just now|\\d+ seconds? ago)"));
                gui.window.textBox("interface.Public key").requireText(peer.ourPublicKey());
                gui.window.textBox("peer0.Public key").requireText(peer.peerPublicKey());
                gui.window.textBox("peer0.Endpoint").requireText(peer.endpoint());
                String before = gui.window.textBox("peer0.Transfer").text();
                assertTrue(before.matches("[0-9.]+ (B|KiB) received, [0-9.]+ (B|KiB) sent"), before);
                peer.ping(10, 1200);
                await("the transfer grows live", () -> !gui.window.textBox("peer0.Transfer").target().getText().equals(before));
                TrafficGraph graph = (TrafficGraph) gui.robot.finder().findByName("trafficGraph");
                await("the graph has samples", () -> graph.isShowing() && graph.history().size() >= 2 && graph.history().peak() > 0);
                Screenshots.save(gui.app.window(), "main-window-active");

                PopupMenu menu = gui.app.tray().orElseThrow().menu();
                CheckboxMenuItem item = onEdt(() -> TrayProbe.tunnelItem(menu, "live"));
                assertTrue(onEdt(item::getState), "the tray shows it checked");
                assertTrue(onEdt(() -> menu.getItem(1).getLabel()).equals("Addresses: 10.78.0.1/24"));
                onEdt(() -> {
                    item.setState(false);
                    item.dispatchEvent(new ItemEvent(item, ItemEvent.ITEM_STATE_CHANGED, item.getLabel(), ItemEvent.DESELECTED));
                    return null;
                });
                await("stopped from the tray", () -> gui.window.textBox("interface.Status").target().getText().equals("Inactive"));
                await("the deactivation is notified", () -> TrayProbe.notificationShowing("Warren: tunnel 'live' was deactivated"));
                await("the tray icon shows nothing runs", () -> TrayProbe.showsStateIcon(ManagerState.INACTIVE));
                assertEquals(TunnelState.INACTIVE, gui.app.session().tunnel("live").orElseThrow().state());
                CheckboxMenuItem again = onEdt(() -> TrayProbe.tunnelItem(menu, "live"));
                onEdt(() -> {
                    again.setState(true);
                    again.dispatchEvent(new ItemEvent(again, ItemEvent.ITEM_STATE_CHANGED, again.getLabel(), ItemEvent.SELECTED));
                    return null;
                });
                await("started from the tray", () -> gui.window.textBox("interface.Status").target().getText().equals("Active"));
                gui.window.button("toggle").click();
                await("deactivated", () -> gui.window.textBox("interface.Status").target().getText().equals("Inactive"));

                // Exit with a tunnel running asks first. When "Yes" cannot stop it (here the manager went away while
                // the question was up), the GUI says so and stays.
                gui.window.button("toggle").click();
                await("active again", () -> gui.window.textBox("interface.Status").target().getText().equals("Active"));
                gui.window.menuItemWithPath("Tunnel", "Exit").click();
                JOptionPaneFixture askFirst = JOptionPaneFinder.findOptionPane().using(gui.robot);
                manager.stop();
                await("the GUI lost the manager", () -> !gui.app.session().isConnected());
                answer(askFirst);
                JOptionPaneFixture failed = JOptionPaneFinder.findOptionPane().using(gui.robot);
                String why = onEdt(() -> String.valueOf(failed.target().getMessage()));
                assertTrue(why.startsWith("Could not stop 'live': ") && why.contains("Warren stays open"), why);
                failed.okButton().click();
                assertTrue(onEdt(() -> gui.app.window().isShowing()), "the GUI did not exit");
                manager.start();
                await("reconnected", () -> gui.app.session().isConnected());
                gui.window.list("tunnelList").selectItem("live");

                // With the manager back, "Yes" stops the tunnel, then the GUI goes away.
                gui.window.button("toggle").click();
                await("active again", () -> gui.window.textBox("interface.Status").target().getText().equals("Active"));
                gui.window.menuItemWithPath("Tunnel", "Exit").click();
                JOptionPaneFixture ask = JOptionPaneFinder.findOptionPane().using(gui.robot);
                assertTrue(onEdt(() -> String.valueOf(ask.target().getMessage())).startsWith("Stop the running tunnels (live) before exiting?"));
                answer(ask);
                await("the GUI exited", () -> !gui.app.window().isDisplayable());
                try (ManagerClient admin = ManagerClient.connect(manager.socket)) {
                    assertEquals(TunnelState.INACTIVE, ManagerClient.await(admin.listTunnels()).getFirst().state(),
                            "the tunnel was stopped before the GUI exited");
                }
            }
        }
    }

    /**
     * Presses the question's Yes and waits until it is gone, so the next pane looked up is not this one still
     * closing. (A robot click right after the pane opens is sometimes lost under a loaded Xvfb; the button's own
     * doClick runs the same action.)
     */
    private static void answer(JOptionPaneFixture question) throws Exception {
        onEdt(() -> {
            question.yesButton().target().doClick();
            return null;
        });
        await("the question closed", () -> !question.target().isShowing());
    }
}
