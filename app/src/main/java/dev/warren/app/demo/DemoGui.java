package dev.warren.app.demo;

import dev.warren.app.demo.DemoState.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens the GUI for a demo: on the display this command runs on (as the user who ran {@code sudo}, whose
 * desktop it is), or, where there is none, on a virtual display of its own, with a screenshot to look at.
 */
final class DemoGui {

    /** A GUI still running this long after its start has opened its window (start-up errors come sooner). */
    private static final Duration START_CHECK = Duration.ofSeconds(3);
    private static final Duration SCREENSHOT_WAIT = Duration.ofSeconds(30);

    private final DemoOptions options;
    private final PrintWriter out;

    DemoGui(DemoOptions options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Whether there is no display here, so that the GUI needs a virtual one. */
    static boolean needsVirtualDisplay() {
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank();
    }

    /** Opens it, recording each process it starts through {@code record}. */
    void open(DemoState state, Consumer<DemoState> record) {
        String display = System.getenv("DISPLAY");
        if (!needsVirtualDisplay()) {
            onThisDisplay(state, display, record);
        } else {
            onVirtualDisplay(state, record);
        }
    }

    private void onThisDisplay(DemoState state, String display, Consumer<DemoState> record) {
        String sudoUser = System.getenv("SUDO_USER");
        List<String> command = new ArrayList<>();
        if (sudoUser != null && !sudoUser.isBlank() && !sudoUser.equals("root")) {
            // runuser keeps the environment it is given explicitly, and only that matters to an X client.
            command.addAll(List.of("runuser", "-u", sudoUser, "--", "env", "DISPLAY=" + display));
            String xauthority = System.getenv("XAUTHORITY");
            if (xauthority != null) {
                command.add("XAUTHORITY=" + xauthority);
            }
            // The user's session directory and bus: one GUI per user is found there, and the desktop's theme.
            userRuntimeDir(sudoUser).ifPresent(dir -> {
                command.add("XDG_RUNTIME_DIR=" + dir);
                if (Files.exists(dir.resolve("bus"))) {
                    command.add("DBUS_SESSION_BUS_ADDRESS=unix:path=" + dir.resolve("bus"));
                }
            });
        }
        command.addAll(SelfCommand.warren("--socket", options.socket().toString()));
        Process gui = DetachedProcess.start(command, options.stateDir().resolve("gui.log"), Map.of("DISPLAY", display));
        StartedProcess p = StartedProcess.of("the GUI", gui);
        record.accept(state.withProcess(Role.GUI, p).withDisplay(display));
        if (exitedEarly(gui)) {
            return;
        }
        boolean asUser = command.getFirst().equals("runuser");
        say("opened the GUI on display " + display + (asUser ? " as " + sudoUser : ""));
        if (asUser && !mayUseManager(sudoUser)) {
            say(sudoUser + " is in neither the warren nor the netdev group, so the GUI will say it may not use the "
                    + "manager: `sudo usermod -aG warren " + sudoUser + "`, then log in again.");
        }
    }

    private static java.util.Optional<Path> userRuntimeDir(String user) {
        try {
            Path dir = Path.of("/run/user", new SystemCommands().run("id", "-u", user).strip());
            return Files.isDirectory(dir) ? java.util.Optional.of(dir) : java.util.Optional.empty();
        } catch (DemoException e) {
            return java.util.Optional.empty();
        }
    }

    /** Root, and the members of the admin and operator groups, may talk to the manager ({@code AccessPolicy}). */
    private static boolean mayUseManager(String user) {
        try {
            String groups = new SystemCommands().run("id", "-nG", user);
            return List.of(groups.strip().split("\\s+")).stream()
                    .anyMatch(g -> g.equals(dev.warren.app.ipc.AccessPolicy.DEFAULT_ADMIN_GROUP)
                            || g.equals(dev.warren.app.ipc.AccessPolicy.DEFAULT_OPERATOR_GROUP));
        } catch (DemoException e) {
            return true;
        }
    }

    private void onVirtualDisplay(DemoState state, Consumer<DemoState> record) {
        VirtualScreen screen = VirtualScreen.start(options.stateDir());
        DemoState s = state.withProcess(Role.XVFB, screen.xvfb()).withDisplay(screen.display());
        if (screen.trayer() != null) {
            s = s.withProcess(Role.TRAYER, screen.trayer());
        }
        record.accept(s);
        // A runtime directory of its own: a GUI of root's already open elsewhere would otherwise be raised instead.
        Path runtime = options.stateDir().resolve("gui-runtime");
        try {
            Files.createDirectories(runtime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new DemoException("could not create " + runtime + ": " + e.getMessage(), e);
        }
        Process gui = DetachedProcess.start(SelfCommand.warren("--socket", options.socket().toString()),
                options.stateDir().resolve("gui.log"), Map.of("DISPLAY", screen.display(), "XDG_RUNTIME_DIR", runtime.toString()));
        s = s.withProcess(Role.GUI, StartedProcess.of("the GUI", gui));
        record.accept(s);
        if (exitedEarly(gui)) {
            return;
        }
        Path shot = options.stateDir().resolve("screen.png");
        DemoScreenshot.take(s, options.stateDir(), shot, SCREENSHOT_WAIT);
        say("there is no display here, so the GUI runs on a virtual one, " + screen.display() + " (Xvfb): see it in "
                + shot + ", or take a new screenshot with `" + DemoOptions.command() + " demo --screenshot FILE`.");
    }

    /** True (having said why) when the GUI exited at once; the tunnel works all the same. */
    private boolean exitedEarly(Process gui) {
        try {
            if (!gui.waitFor(START_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        String log;
        try {
            log = Files.readString(options.stateDir().resolve("gui.log")).strip();
        } catch (IOException e) {
            log = "";
        }
        if (gui.exitValue() == 0) {
            // A GUI of this user's runs already: the new one raised its window and left.
            say(log.isEmpty() ? "a Warren GUI was open already; it shows the demo tunnel" : log);
        } else {
            say("the GUI exited at once (" + gui.exitValue() + ")" + (log.isEmpty() ? "" : ": " + log));
        }
        return true;
    }

    private void say(String line) {
        out.println("warren demo: " + line);
        out.flush();
    }
}
