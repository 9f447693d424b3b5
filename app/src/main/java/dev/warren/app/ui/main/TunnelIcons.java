package dev.warren.app.ui.main;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.TunnelState;
import dev.warren.icons.WarrenIcon;
import java.awt.Image;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.swing.Icon;

/** The state icons: the tray-state artwork, scaled, for list rows, the tray and window titles. */
public final class TunnelIcons {

    private static final Map<ManagerState, FlatSVGIcon> ROW = new EnumMap<>(ManagerState.class);

    private TunnelIcons() {
    }

    public static WarrenIcon of(ManagerState state) {
        return switch (state) {
            case INACTIVE -> WarrenIcon.TRAY_INACTIVE;
            case ACTIVATING -> WarrenIcon.TRAY_ACTIVATING;
            case ACTIVE -> WarrenIcon.TRAY_ACTIVE;
            case ERROR -> WarrenIcon.TRAY_ERROR;
        };
    }

    /** The global state a single tunnel's state looks like. */
    public static ManagerState of(TunnelState state) {
        return ManagerState.of(List.of(state));
    }

    /** A 16-pixel (HiDPI-aware) icon for a list row. */
    public static Icon row(TunnelState state) {
        return ROW.computeIfAbsent(of(state), s -> new FlatSVGIcon(of(s).svgResource(), 16, 16));
    }

    /** The application icon at the sizes window managers pick from. */
    public static List<Image> appImages() {
        return List.of(16, 32, 48, 64, 128, 256).stream()
                .map(size -> new FlatSVGIcon(WarrenIcon.APP.svgResource(), size, size).getImage()).toList();
    }
}
