package dev.warren.icons;

import java.util.List;

/**
 * Warren's icons as classpath resources under {@value #RESOURCE_DIR}: for each icon the hand-written SVG (for
 * FlatSVGIcon, which scales it to any size and HiDPI factor) and PNGs rendered from it at build time at every
 * size in {@link #PNG_SIZES} (for the tray, whose AWT API wants a bitmap, and for desktop integration).
 */
public enum WarrenIcon {
    /** The application icon: window, launcher, package. Also rendered into {@value #WINDOWS_ICO}. */
    APP("warren"),
    /** Tray: no tunnel is running. */
    TRAY_INACTIVE("tray-inactive"),
    /** Tray: a tunnel is starting or stopping. */
    TRAY_ACTIVATING("tray-activating"),
    /** Tray: at least one tunnel is up. */
    TRAY_ACTIVE("tray-active"),
    /** Tray: a tunnel failed or the manager is unreachable. */
    TRAY_ERROR("tray-error");

    /** The classpath directory holding every icon resource, without a leading slash. */
    public static final String RESOURCE_DIR = "dev/warren/icons";

    /**
     * The square PNG sizes rendered for every icon: the freedesktop hicolor sizes, the tray sizes of the common
     * panels (16, 20, 22, 24) and their HiDPI doubles, up to 512 for app stores and HiDPI launchers.
     */
    public static final List<Integer> PNG_SIZES = List.of(16, 20, 22, 24, 32, 48, 64, 128, 256, 512);

    /**
     * The sizes held by the Windows icon, largest last. 256 is the largest an .ico can describe; 22 is a GNOME
     * size that Windows never asks for.
     */
    public static final List<Integer> ICO_SIZES = List.of(16, 20, 24, 32, 48, 64, 128, 256);

    /** The Windows icon of {@link #APP}, for the launcher .exe and the installer. */
    public static final String WINDOWS_ICO = RESOURCE_DIR + "/warren.ico";

    private final String baseName;

    WarrenIcon(String baseName) {
        this.baseName = baseName;
    }

    /** The file name stem shared by this icon's resources, e.g. {@code tray-active}. */
    public String baseName() {
        return baseName;
    }

    /** The SVG source, e.g. {@code dev/warren/icons/tray-active.svg} (FlatSVGIcon takes this path as is). */
    public String svgResource() {
        return RESOURCE_DIR + "/" + baseName + ".svg";
    }

    /**
     * The PNG rendered at {@code size}×{@code size}.
     *
     * @throws IllegalArgumentException if {@code size} is not one of {@link #PNG_SIZES}
     */
    public String pngResource(int size) {
        if (!PNG_SIZES.contains(size)) {
            throw new IllegalArgumentException("no " + baseName + " PNG of size " + size + ": sizes are " + PNG_SIZES);
        }
        return RESOURCE_DIR + "/" + baseName + "-" + size + ".png";
    }

    /**
     * The smallest rendered size at least as large as {@code wanted}, or the largest one: scaling a bitmap down
     * keeps it sharp, scaling it up blurs it.
     */
    public static int bestPngSize(int wanted) {
        return PNG_SIZES.stream().filter(size -> size >= wanted).findFirst().orElse(PNG_SIZES.getLast());
    }
}
