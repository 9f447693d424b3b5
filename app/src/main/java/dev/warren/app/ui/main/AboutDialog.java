package dev.warren.app.ui.main;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import dev.warren.app.ui.ManagerSession;
import dev.warren.icons.WarrenIcon;
import java.awt.Component;
import java.util.Locale;
import javax.swing.JOptionPane;

/** The About box: Warren's version, the manager's, and who the manager thinks the user is. */
public final class AboutDialog {

    private AboutDialog() {
    }

    public static void show(Component parent, ManagerSession session) {
        String version = MainWindow.class.getPackage().getImplementationVersion();
        String manager = session.info().map(i -> "Manager " + i.managerVersion() + ", connected as " + i.user()
                + " (" + i.role().name().toLowerCase(Locale.ROOT) + ")").orElse("Manager: not connected");
        JOptionPane.showMessageDialog(parent,
                "<html><b>Warren " + (version != null ? version : "(development build)") + "</b><br>"
                        + "A WireGuard-compatible VPN client with a pure-Java tunnel engine.<br><br>" + manager
                        + "<br><br>WireGuard is a registered trademark of Jason A. Donenfeld.</html>",
                "About Warren", JOptionPane.INFORMATION_MESSAGE, new FlatSVGIcon(WarrenIcon.APP.svgResource(), 64, 64));
    }
}
