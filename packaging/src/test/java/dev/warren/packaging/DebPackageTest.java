package dev.warren.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's life on this machine: build-deb.sh builds the .deb once, then it is installed with dpkg, run
 * with no Java reachable, removed (tunnels kept) and purged (nothing left). Needs root and changes the system,
 * hence the "netns" tag shared by the project's root-only tests.
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageTest {

    private static final String PACKAGE = "warren";
    private static final Path UNIT = Path.of("/usr/lib/systemd/system/warren-manager.service");
    private static final Path DESKTOP = Path.of("/usr/share/applications/warren.desktop");
    private static final Path LAUNCHER = Path.of("/usr/bin/warren");
    private static final Path USERSPACE = Path.of("/usr/bin/warren-userspace");
    private static final Path STATE = Path.of("/var/lib/warren");
    private static final Path SOCKET = Path.of("/run/warren/manager.sock");
    private static final List<Integer> HICOLOR_SIZES = List.of(16, 22, 24, 32, 48, 64, 128, 256, 512);
    /** The checkout this build runs in, wherever it was cloned: the build writes its own "warren…" files there. */
    private static final Path CHECKOUT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .getParent();
    /** Trees another test may fill with its own "warren…" names while this one runs, or that are not the system. */
    private static final List<String> NOT_SCANNED = List.of("/proc", "/sys", "/dev", "/tmp", "/var/tmp",
            CHECKOUT.toString(), "/run/netns", "/run/user", "/root/.m2", "/root/.cache");

    /** The list of programs Warren runs, which build-deb.sh turns into the control fields. */
    private static final Path COMMANDS = CHECKOUT.resolve("packaging/linux/debian/commands.txt");
    /**
     * String literals in the process-starting sources that happen to name an executable but are arguments
     * ({@code ip link}, {@code ip route}, {@code trayer --edge top}, {@code --transparent true}, a path).
     */
    private static final Set<String> ARGUMENTS_NAMING_PROGRAMS = Set.of("link", "route", "top", "true", "false");

    /** The main window in xwininfo's tree: its id, then its title (before the class in parentheses). */
    private static final Pattern MAIN_WINDOW = Pattern.compile("0x\\p{XDigit}+ \"Warren[^\"]*\": \\(");

    private Path deb;
    private Set<String> warrenPathsBefore;

    @BeforeAll
    void buildPackageOnce() throws Exception {
        assertEquals("0", run("id", "-u").output().strip(), "DebPackageTest installs a package: run it as root");
        assertFalse(installed(), "a warren package is already installed here; the test would replace and purge it");
        warrenPathsBefore = warrenPaths();
        Path script = Path.of(System.getProperty("basedir", ".")).resolve("build-deb.sh").toAbsolutePath();
        Path output = script.getParent().resolve("target/deb");
        // The reactor has just packaged app (this module depends on it); gzip -1 because only contents matter here.
        Result build = run(Duration.ofMinutes(15), script.toString(), "--skip-maven", "--fast", "--output",
                output.toString());
        System.out.println(build.output());
        assertEquals(0, build.exit(), "build-deb.sh failed:\n" + build.output());
        Matcher built = Pattern.compile("(?m)^package: (\\S+\\.deb) ").matcher(build.output());
        assertTrue(built.find(), "build-deb.sh did not name the package it built:\n" + build.output());
        deb = Path.of(built.group(1));
        assertTrue(build.output().contains("runtime (jlink"), "build-deb.sh must print the runtime size");
    }

    @AfterAll
    void purgeWhateverIsLeft() throws Exception {
        if (installed()) {
            dpkg("--purge", PACKAGE);
        }
    }

    @Test
    @Order(10)
    void declaresThePackagesOfEveryProgramItRuns() throws Exception {
        List<RunCommand> commands = RunCommand.readAll(COMMANDS);
        Map<String, Set<Set<String>>> fields = new HashMap<>();
        for (String field : List.of("Depends", "Recommends", "Suggests")) {
            fields.put(field, RunCommand.relations(run("dpkg-deb", "-f", deb.toString(), field).output()));
        }
        Set<String> listed = new TreeSet<>();
        for (RunCommand command : commands) {
            listed.add(command.name());
            switch (command.field()) {
                case "none" -> { }
                case "Essential" -> assertEquals("yes", run("dpkg-query", "-W", "-f=${Essential}",
                        command.packages().getFirst()).output().strip(), command + ": not an Essential package here");
                default -> assertTrue(fields.get(command.field()).contains(Set.copyOf(command.packages())),
                        command + ": the .deb's " + command.field() + " lacks it: " + fields.get(command.field()));
            }
            Optional<String> owner = owner(command.name());
            if (owner.isPresent() && !command.field().equals("none")) {
                assertTrue(providedBy(command.packages(), owner.get()),
                        command + ": on this machine " + command.name() + " belongs to " + owner.get());
            }
        }
        Set<String> unlisted = new TreeSet<>(programsTheSourcesRun());
        unlisted.removeAll(listed);
        assertTrue(unlisted.isEmpty(), "the app runs " + unlisted + ", which " + COMMANDS
                + " does not name: add each with its package and the field that declares it");
    }

    @Test
    @Order(20)
    void installsWithDpkg() throws Exception {
        Result install = dpkg("-i", deb.toString());
        assertEquals(0, install.exit(), "dpkg -i failed:\n" + install.output());
        assertTrue(installed(), "dpkg does not list warren as installed");
    }

    @Test
    @Order(30)
    void runsWithNoJavaReachable(@TempDir Path bin) throws Exception {
        // PATH holds nothing but the command, and JAVA_HOME points nowhere: only the bundled runtime can run it.
        Path command = Files.createSymbolicLink(bin.resolve("warren"), LAUNCHER);
        Result help = run(Duration.ofMinutes(1), "env", "-i", "PATH=" + bin, "JAVA_HOME=/nonexistent", "warren",
                "--help");
        Files.delete(command);
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("Usage: warren"), help.output());
        assertEquals(LAUNCHER.toRealPath(), Path.of("/opt/warren/bin/warren"), "/usr/bin/warren points into /opt");
        assertTrue(Files.isDirectory(Path.of("/opt/warren/lib/runtime")), "the bundled runtime is installed");
    }

    @Test
    @Order(40)
    void warrenUserspaceServesWgQuick() throws Exception {
        assertTrue(Files.isExecutable(USERSPACE), USERSPACE + " (for WG_QUICK_USERSPACE_IMPLEMENTATION) is missing");
        assertEquals(0, run("dpkg", "-S", USERSPACE.toString()).exit(), USERSPACE + " must belong to the package");
        Result help = run(Duration.ofMinutes(1), "env", "-i", "PATH=", "JAVA_HOME=/nonexistent", USERSPACE.toString(),
                "--help");
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("Usage: warren userspace"), help.output());

        // As wg-quick runs it: one word, the interface name, and it must return once the UAPI socket accepts.
        String suffix = Long.toString(ProcessHandle.current().pid());
        String netns = "wpkg" + suffix;
        String iface = "wgpkg" + suffix;
        Path uapi = Path.of("/var/run/wireguard", iface + ".sock");
        assertEquals(0, run("ip", "netns", "add", netns).exit());
        try {
            Result up = run(Duration.ofMinutes(1), "ip", "netns", "exec", netns, "env", "-i", "PATH=/usr/bin:/bin",
                    "warren-userspace", iface);
            assertEquals(0, up.exit(), "warren-userspace " + iface + ":\n" + up.output());
            Result show = run("ip", "netns", "exec", netns, "wg", "show", iface, "listen-port");
            assertEquals(0, show.exit(), "wg show through " + uapi + ":\n" + show.output());
        } finally {
            // The daemon is ours: the detached child of the command above, named by its unique interface.
            for (ProcessHandle daemon : ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                    .map(args -> List.of(args).contains(iface)).orElse(false)).toList()) {
                daemon.destroy();
                daemon.onExit().get(20, TimeUnit.SECONDS);
            }
            run("ip", "netns", "del", netns);
            Files.deleteIfExists(uapi);
        }
    }

    @Test
    @Order(50)
    void installsUnitDesktopEntryIconsAndGroup() throws Exception {
        assertTrue(Files.isRegularFile(UNIT), UNIT + " is missing");
        Result verify = run("systemd-analyze", "verify", UNIT.toString());
        assertEquals(0, verify.exit(), "systemd-analyze verify:\n" + verify.output());
        assertTrue(verify.output().isBlank(), "systemd-analyze verify reports:\n" + verify.output());
        assertEquals("enabled", run("systemctl", "is-enabled", UNIT.getFileName().toString()).output().strip(),
                "postinst enables the manager service");

        assertTrue(Files.isRegularFile(DESKTOP), DESKTOP + " is missing");
        Result validate = run("desktop-file-validate", DESKTOP.toString());
        assertEquals(0, validate.exit(), validate.output());
        assertTrue(Files.readString(DESKTOP).contains("\nIcon=warren\n"), "the desktop entry uses the warren icon");
        for (int size : HICOLOR_SIZES) {
            Path png = Path.of("/usr/share/icons/hicolor/" + size + "x" + size + "/apps/warren.png");
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " is not a PNG");
            assertEquals(size, image.getWidth(), png + " width");
            assertEquals(size, image.getHeight(), png + " height");
        }
        assertTrue(Files.isRegularFile(Path.of("/usr/share/icons/hicolor/scalable/apps/warren.svg")));

        assertEquals(0, run("getent", "group", "warren").exit(), "postinst creates the warren admin group");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(STATE)),
                STATE + " holds private keys: it must be private to root");
    }

    @Test
    @Order(60)
    void managerServiceAnswersTheCli() throws Exception {
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            assertEquals(0, run("systemctl", "is-active", "--quiet", UNIT.getFileName().toString()).exit(),
                    "postinst starts the manager service");
            assertListAnswers();
            return;
        }
        // No systemd here (a container): start the manager as the unit's ExecStart says, with the unit's capability
        // bounding set and no-new-privileges applied by setpriv, as systemd would.
        List<String> capabilities = unitSetting("CapabilityBoundingSet");
        assertEquals(List.of("yes"), unitSetting("NoNewPrivileges"), "the unit sets NoNewPrivileges=yes");
        List<String> execStart = new ArrayList<>(List.of("setpriv", "--nnp", "--bounding-set", "-all,"
                + capabilities.stream().map(c -> "+" + c.replaceFirst("^CAP_", "").toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(","))));
        execStart.addAll(unitSetting("ExecStart"));
        File log = File.createTempFile("warren-manager", ".log");
        Process manager = new ProcessBuilder(execStart).redirectErrorStream(true)
                .redirectOutput(log).start();
        try {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.exists(SOCKET, LinkOption.NOFOLLOW_LINKS) && manager.isAlive()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(SOCKET), "the manager (" + String.join(" ", execStart) + ") did not open "
                    + SOCKET + " within 30 s:\n" + Files.readString(log.toPath()));
            // Root keeps only the bounded capabilities, and no exec can regain any.
            String status = Files.readString(Path.of("/proc", Long.toString(manager.pid()), "status"));
            long bounding = capabilityMask(status, "CapBnd");
            assertEquals(capabilities.size(), Long.bitCount(bounding), "CapBnd of the manager: " + status);
            assertEquals(bounding, capabilityMask(status, "CapEff"), "the manager's effective capabilities");
            assertTrue(status.contains("\nNoNewPrivs:\t1\n"), "the manager runs with no_new_privs:\n" + status);
            assertListAnswers();
        } finally {
            manager.destroy();
            if (!manager.waitFor(20, TimeUnit.SECONDS)) {
                manager.destroyForcibly().waitFor();
            }
            Files.delete(log.toPath());
        }
    }

    @Test
    @Order(65)
    void guiOpensItsWindowOnTheBundledRuntime(@TempDir Path home) throws Exception {
        // A virtual display and a tray, started here and stopped by PID: the GUI on the jlink runtime must find
        // java.desktop, FlatLaf and the tray, which nothing else in this test loads.
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Process trayer = null;
        Process gui = null;
        Path log = home.resolve("gui.log");
        try {
            // Xvfb picks a free display and writes its number once it accepts connections.
            String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(number != null && number.matches("\\d+"), "Xvfb did not report a display number: " + number);
            String display = ":" + number;
            ProcessBuilder tray = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--SetDockType",
                    "true", "--height", "24").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            tray.environment().put("DISPLAY", display);
            trayer = tray.start();
            // No manager runs now: the window shows that state. Java's preferences go to the temporary home, not
            // root's, which the purge check scans.
            gui = new ProcessBuilder("env", "-i", "DISPLAY=" + display, "PATH=/usr/bin:/bin", "HOME=" + home,
                    "JAVA_TOOL_OPTIONS=-Duser.home=" + home + " -Djava.util.prefs.userRoot=" + home.resolve("prefs"),
                    LAUNCHER.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Instant deadline = Instant.now().plusSeconds(40);
            String windows = "";
            while (gui.isAlive() && Instant.now().isBefore(deadline)) {
                windows = run("xwininfo", "-display", display, "-root", "-tree").output();
                if (MAIN_WINDOW.matcher(windows).find()) {
                    break;
                }
                Thread.sleep(250);
            }
            String output = Files.readString(log);
            Process started = gui;
            assertTrue(gui.isAlive(), () -> "the GUI exited with " + started.exitValue() + ":\n" + output);
            assertTrue(MAIN_WINDOW.matcher(windows).find(), "no window titled Warren within 40 s:\n" + windows
                    + "\nGUI output:\n" + output);
            for (String failure : List.of("Exception", "Error:", "module not found", "not found in boot layer",
                    "UnsatisfiedLinkError", "NoClassDefFoundError")) {
                assertFalse(output.contains(failure), "the GUI reports " + failure + ":\n" + output);
            }
        } finally {
            for (Process started : Arrays.asList(gui, trayer, xvfb)) {
                if (started != null) {
                    started.destroy();
                    if (!started.waitFor(20, TimeUnit.SECONDS)) {
                        started.destroyForcibly().waitFor();
                    }
                }
            }
        }
    }

    @Test
    @Order(70)
    void removeKeepsTunnelsAndDropsTheProgram() throws Exception {
        Path tunnel = STATE.resolve("tunnels/kept.conf");
        Files.createDirectories(tunnel.getParent());
        Files.writeString(tunnel, "[Interface]\nListenPort = 51820\n");
        Result remove = dpkg("--remove", PACKAGE);
        assertEquals(0, remove.exit(), "dpkg --remove failed:\n" + remove.output());
        assertTrue(Files.exists(tunnel), "removing the package must keep the tunnels in " + STATE);
        for (Path gone : List.of(Path.of("/opt/warren"), LAUNCHER, USERSPACE, UNIT, DESKTOP)) {
            assertFalse(Files.exists(gone, LinkOption.NOFOLLOW_LINKS), gone + " is left after dpkg --remove");
        }
        assertEquals("deinstall ok config-files",
                run("dpkg-query", "-W", "-f=${Status}", PACKAGE).output().strip());
    }

    @Test
    @Order(80)
    void purgeLeavesNothing() throws Exception {
        Result purge = dpkg("--purge", PACKAGE);
        assertEquals(0, purge.exit(), "dpkg --purge failed:\n" + purge.output());
        assertFalse(installed(), "dpkg still knows warren after the purge");
        assertFalse(Files.exists(STATE), STATE + " (tunnels) is left after the purge");
        assertFalse(Files.exists(SOCKET.getParent()), SOCKET.getParent() + " is left after the purge");
        assertEquals(2, run("getent", "group", "warren").exit(), "the purge removes the group postinst created");
        Set<String> left = warrenPaths();
        left.removeAll(warrenPathsBefore);
        assertTrue(left.isEmpty(), "left behind after the purge: " + left);
        List<String> running = processesRunningFrom(Path.of("/opt/warren"));
        assertTrue(running.isEmpty(), "still running from the purged package: " + running);
    }

    /**
     * Processes whose executable is under {@code dir}, as "PID executable", even if the file is deleted (the
     * kernel then appends " (deleted)" to the link).
     */
    private static List<String> processesRunningFrom(Path dir) throws IOException {
        List<String> running = new ArrayList<>();
        try (var procs = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try {
                    Path exe = Files.readSymbolicLink(proc.resolve("exe"));
                    if (exe.startsWith(dir)) {
                        running.add(proc.getFileName() + " " + exe);
                    }
                } catch (IOException e) {
                    // Gone meanwhile, or a kernel thread (no exe): neither runs the package's code.
                }
            }
        }
        return running;
    }

    private void assertListAnswers() throws Exception {
        Result list = run(Duration.ofSeconds(30), LAUNCHER.toString(), "list");
        assertEquals(0, list.exit(), "warren list through the manager:\n" + list.output());
    }

    /** A setting of the installed unit, split at blanks as systemd does for a value without quotes. */
    private static List<String> unitSetting(String key) throws IOException {
        return Files.readAllLines(UNIT).stream()
                .filter(line -> line.startsWith(key + "="))
                .map(line -> List.of(line.substring(key.length() + 1).strip().split("\\s+")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(UNIT + " has no " + key + "="));
    }

    /** A capability set from /proc/PID/status ("CapEff:\t0000000000003400"). */
    private static long capabilityMask(String status, String field) {
        Matcher m = Pattern.compile("(?m)^" + field + ":\\s*(\\p{XDigit}+)$").matcher(status);
        assertTrue(m.find(), "no " + field + " in:\n" + status);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    /** Whether one of the packages is the owner, or depends on it (python3 on python3-minimal, which has the binary). */
    private static boolean providedBy(List<String> packages, String owner) throws Exception {
        for (String declared : packages) {
            String dependencies = run("dpkg-query", "-W", "-f=${Pre-Depends},${Depends}", declared).output();
            if (declared.equals(owner) || RunCommand.relations(dependencies).stream()
                    .anyMatch(alternatives -> alternatives.contains(owner))) {
                return true;
            }
        }
        return false;
    }

    /** The Debian package owning a command in the standard directories, if it is installed here. */
    private static Optional<String> owner(String command) throws Exception {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            Path path = Path.of(dir, command);
            if (!Files.isExecutable(path)) {
                continue;
            }
            // With merged /usr, dpkg knows a file by the path its package shipped, which may be the other alias;
            // an alternatives link (vi) is known only by its target.
            for (String candidate : List.of(path.toString(), dir.startsWith("/usr") ? dir.substring(4) + "/"
                    + command : "/usr" + path, path.toRealPath().toString())) {
                Result search = run("dpkg", "-S", candidate);
                if (search.exit() == 0) {
                    return search.output().lines().filter(line -> !line.startsWith("diversion by"))
                            .map(line -> line.replaceFirst("[:,].*", "")).findFirst();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The names of programs in the sources of the app and its native bridge that start processes: each string
     * literal that names an executable installed here. Catches a program added to the code but not to the list
     * (as long as this machine has it, which the test machine has for everything the code runs today).
     */
    private static Set<String> programsTheSourcesRun() throws IOException {
        Pattern startsProcesses = Pattern.compile("ProcessBuilder|SystemCommands|sys\\.(run|in|succeeds)\\(");
        Pattern literal = Pattern.compile("\"(/?[A-Za-z][\\w./+-]*)\"");
        Set<String> programs = new TreeSet<>();
        for (String module : List.of("app", "native-bridge")) {
            List<Path> sources;
            try (var walk = Files.walk(CHECKOUT.resolve(module).resolve("src/main/java"))) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path source : sources) {
                String text = Files.readString(source);
                if (!startsProcesses.matcher(text).find()) {
                    continue;
                }
                Matcher m = literal.matcher(text);
                while (m.find()) {
                    String name = m.group(1).substring(m.group(1).lastIndexOf('/') + 1);
                    if (!ARGUMENTS_NAMING_PROGRAMS.contains(m.group(1)) && Stream.of("/usr/sbin", "/usr/bin",
                            "/sbin", "/bin").anyMatch(dir -> Files.isExecutable(Path.of(dir, name)))) {
                        programs.add(name);
                    }
                }
            }
        }
        assertTrue(programs.contains("nft"), "the scan of the sources found no program at all: " + programs);
        return programs;
    }

    /** A line of commands.txt: a program Warren runs, the control field declaring it, its package alternatives. */
    private record RunCommand(String name, String field, List<String> packages) {

        static List<RunCommand> readAll(Path file) throws IOException {
            List<RunCommand> all = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] columns = line.strip().split("\\s+");
                if (line.startsWith("#") || columns.length < 4) {
                    continue;
                }
                all.add(new RunCommand(columns[0], columns[1], List.of(columns[2].split("\\|"))));
            }
            assertFalse(all.isEmpty(), file + " lists no command");
            return all;
        }

        /** A control field's relations, each a set of alternatives, without version constraints. */
        static Set<Set<String>> relations(String field) {
            Set<Set<String>> relations = new HashSet<>();
            for (String relation : field.strip().split(",")) {
                relations.add(Stream.of(relation.split("\\|")).map(p -> p.replaceAll("\\(.*\\)", "").strip())
                        .filter(p -> !p.isEmpty()).collect(Collectors.toSet()));
            }
            return relations;
        }
    }

    /** Every path on the system whose name contains "warren", outside the trees other tests write to and checkouts. */
    private static Set<String> warrenPaths() throws Exception {
        List<String> find = new ArrayList<>(List.of("find", "/", "("));
        for (String skip : NOT_SCANNED) {
            if (find.size() > 3) {
                find.add("-o");
            }
            find.addAll(List.of("-path", skip));
        }
        find.addAll(List.of(")", "-prune", "-o", "-name", "*warren*", "-print"));
        Result result = run(Duration.ofMinutes(2), find.toArray(String[]::new));
        return result.output().lines().filter(line -> line.startsWith("/"))
                .filter(line -> !insideGitCheckout(Path.of(line)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Other checkouts of Warren (parallel worktrees) come and go while the test runs; no package installs there. */
    private static boolean insideGitCheckout(Path path) {
        for (Path dir = path.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    private static boolean installed() throws Exception {
        Result status = run("dpkg-query", "-W", "-f=${Status}", PACKAGE);
        return status.exit() == 0 && !status.output().contains("not-installed");
    }

    /** dpkg, retried while another process (apt in a parallel job) holds the dpkg lock. */
    private static Result dpkg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(args));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            Result result = run(Duration.ofMinutes(5), command.toArray(String[]::new));
            if (result.exit() == 0 || !result.output().contains("lock") || Instant.now().isAfter(deadline)) {
                return result;
            }
            Thread.sleep(2000);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        return run(Duration.ofSeconds(30), command);
    }

    private static Result run(Duration timeout, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // Read while it runs: a full pipe would otherwise stall a chatty command until the timeout.
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join();
            fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + output.getNow(""));
        }
        reader.join();
        return new Result(process.exitValue(), output.get());
    }
}
