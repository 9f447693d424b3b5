package dev.warren.app.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs this same Warren again, for the processes the demo starts (manager, GUI): the
 * jpackage launcher when running from the package, else this JVM's java with this class path.
 */
public final class SelfCommand {

    /** System properties a child Warren must see too (tests point preferences away from the real home). */
    private static final List<String> FORWARDED_PROPERTIES = List.of("java.util.prefs.userRoot");

    private SelfCommand() {
    }

    /** {@code warren args...}. */
    public static List<String> warren(String... args) {
        List<String> cmd = new ArrayList<>();
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !launcher.isBlank()) {
            // The native launcher starts its bundled runtime with the options the package was built with.
            cmd.add(launcher);
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("--enable-native-access=ALL-UNNAMED");
            for (String p : FORWARDED_PROPERTIES) {
                String v = System.getProperty(p);
                if (v != null) {
                    cmd.add("-D" + p + "=" + v);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(dev.warren.app.Main.class.getName());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }
}
