package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.testing.TestJava;
import dev.warren.core.config.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Authorisation with real identities: users and groups created for the test (removed after), clients run as
 * them with setpriv against a real manager process, which runs in a network namespace of the test's so that an
 * operator's start really brings a tunnel up. Root-only and system-modifying, hence the netns tag.
 */
@Tag("netns")
class AuthorizationTest {

    static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 10000, 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    static final String ADMINS = "wradm" + SUFFIX;
    static final String OPERATORS = "wrop" + SUFFIX;
    static final String ADMIN_USER = "wrua" + SUFFIX;
    static final String OPERATOR_USER = "wruo" + SUFFIX;
    static final String PLAIN_USER = "wrup" + SUFFIX;
    static final String NETNS = "wrauth-" + SUFFIX;
    /** A tunnel without scripts: operators may start it, and it really starts. */
    static final String PLAIN_TUNNEL = "plain";

    static Path dir;
    static String classpath;
    static ManagerProcess manager;
    static String privateKey;
    static String presharedKey;
    static String config;

    @BeforeAll
    static void setUp() throws Exception {
        run("groupadd", ADMINS);
        run("groupadd", OPERATORS);
        run("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", "-G", ADMINS, ADMIN_USER);
        run("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", "-G", OPERATORS, OPERATOR_USER);
        run("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", PLAIN_USER);
        dir = Files.createTempDirectory(Path.of("/tmp"), "warren-auth-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path cp = Files.createDirectory(dir.resolve("cp"));
        classpath = TestJava.worldReadableClasspath(cp);
        run("ip", "netns", "add", NETNS);
        run("ip", "-n", NETNS, "link", "set", "lo", "up");
        manager = new ManagerProcess(dir, "--admin-group", ADMINS, "--operator-group", OPERATORS).inNetns(NETNS).start();
        privateKey = Key.generatePrivate().toBase64();
        presharedKey = Key.generatePreshared().toBase64();
        config = Configs.tunnel("10.44.0.2/24", "10.44.0.0/24")
                .replaceFirst("PrivateKey = .*\n", "PrivateKey = " + privateKey + "\nPostUp = logger up\n")
                .replaceFirst("PresharedKey = .*\n", "PresharedKey = " + presharedKey + "\n");
        try (ManagerClient root = ManagerClient.connect(manager.socket)) {
            ManagerClient.await(root.createTunnel("office", config));
            ManagerClient.await(root.createTunnel(PLAIN_TUNNEL, Configs.tunnel("10.45.0.2/24", "10.45.0.0/24")));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (manager != null) {
                manager.close();
            }
        } finally {
            runQuietly("ip", "netns", "del", NETNS);
            for (String u : List.of(ADMIN_USER, OPERATOR_USER, PLAIN_USER)) {
                runQuietly("userdel", u);
            }
            runQuietly("groupdel", ADMINS);
            runQuietly("groupdel", OPERATORS);
            if (dir != null) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Test
    void theSocketFileBacksThePolicyUp() throws IOException {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(manager.socket)));
        assertEquals(OPERATORS, Files.getAttribute(manager.socket, "posix:group").toString());
    }

    @Test
    void rootMayDoEverything() throws Exception {
        Map<String, String> r = probeAs("root", "root");
        assertTrue(r.get("connect").startsWith("OK ADMIN root"), r.toString());
        assertEquals("OK false " + b64(config), r.get("get"));
        assertTrue(r.get("create").startsWith("OK probe"), r.toString());
        assertEquals("OK true", r.get("export"));
    }

    @Test
    void anAdminGroupMemberMayDoEverything() throws Exception {
        Map<String, String> r = probeAs(ADMIN_USER, ADMINS);
        assertEquals("OK ADMIN " + ADMIN_USER, r.get("connect"), r.toString());
        assertEquals("OK false " + b64(config), r.get("get"), "the full config, keys included");
        assertTrue(r.get("create").startsWith("OK probe"), r.toString());
        assertEquals("OK true", r.get("export"));
        assertEquals("OK false", r.get("bootStart"));
        assertEquals("OK office", r.get("update"));
        assertEquals("OK wrote 40", r.get("logFlood"), "administrators may log as much as they like");
    }

    @Test
    void anOperatorStartsAndStopsAndSeesNoSecrets() throws Exception {
        Map<String, String> r = probeAs(OPERATOR_USER, OPERATORS);
        assertEquals("OK OPERATOR " + OPERATOR_USER, r.get("connect"), r.toString());
        assertEquals("OK 1", r.get("list").replaceAll("OK \\d+", "OK 1"));
        String text = new String(Base64.getDecoder().decode(r.get("get").substring("OK true ".length())), StandardCharsets.UTF_8);
        assertTrue(r.get("get").startsWith("OK true "), r.toString());
        assertFalse(text.contains(privateKey) || text.contains(presharedKey) || text.contains("PostUp"), text);
        assertTrue(text.contains("Address = 10.44.0.2/24") && text.contains("PublicKey = "), text);
        assertTrue(r.get("log").startsWith("OK "), r.toString());
        // A tunnel with scripts does not start without --allow-scripts, whoever asks...
        assertTrue(r.get("start").startsWith("ERR TUNNEL_FAILED tunnel 'office' has PostUp scripts"), r.toString());
        assertEquals("OK INACTIVE", r.get("stop"));
        // ...one without really starts and stops for an operator.
        assertEquals("OK ACTIVE", r.get("startPlain"), r.toString());
        assertEquals("OK " + PLAIN_TUNNEL, r.get("runtimePlain"), "it ran, with live figures");
        assertEquals("OK INACTIVE", r.get("stopPlain"), r.toString());
        assertTrue(manager.output().contains("[" + PLAIN_TUNNEL + "] active"), manager.output());
        for (String denied : List.of("create", "update", "delete", "export", "bootStart", "quit")) {
            assertTrue(r.get(denied).startsWith("ERR FORBIDDEN "), denied + " " + r);
            assertTrue(r.get(denied).contains("needs the admin role"), r.toString());
        }
        assertTrue(r.get("logFlood").matches("OK wrote (2\\d|3\\d), then LIMIT_EXCEEDED too many log lines from "
                + OPERATOR_USER + ": 20 at once, then one every 3 s"), r.toString());
        try (ManagerClient root = ManagerClient.connect(manager.socket)) {
            assertTrue(ManagerClient.await(root.listTunnels()).stream().anyMatch(t -> t.name().equals("office")),
                    "the operator's delete did not happen");
        }
    }

    @Test
    void aPlainUserIsRefusedByTheSocketAndByTheManager() throws Exception {
        Map<String, String> r = probeAs(PLAIN_USER, "users");
        assertTrue(r.get("connect").startsWith("REFUSED You may not use the Warren manager (permission denied"), r.toString());
        // Even if the socket's permissions were loosened, the manager's own check refuses with a JSON-RPC error.
        Files.setPosixFilePermissions(manager.socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            Map<String, String> loose = probeAs(PLAIN_USER, "users");
            assertEquals("REFUSED User '" + PLAIN_USER + "' may not use the Warren manager: ask an administrator to "
                    + "add you to the '" + OPERATORS + "' group (start and stop tunnels) or the '" + ADMINS
                    + "' group (everything), then log in again.", loose.get("connect"));
            List<String> cli = runAs(PLAIN_USER, "users", "dev.warren.app.Main", "--socket", manager.socket.toString(), "list");
            assertTrue(cli.getLast().startsWith("exit 1"), cli.toString());
            assertTrue(cli.contains("warren list: User '" + PLAIN_USER + "' may not use the Warren manager: ask an "
                    + "administrator to add you to the '" + OPERATORS + "' group (start and stop tunnels) or the '"
                    + ADMINS + "' group (everything), then log in again."), cli.toString());
        } finally {
            Files.setPosixFilePermissions(manager.socket, PosixFilePermissions.fromString("rw-rw----"));
        }
        assertTrue(manager.output().contains("refused IPC connection from user " + PLAIN_USER), manager.output());
        assertTrue(manager.process().isAlive(), "the refused user's quit never arrived");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Probes as {@code user}; all but administrators also try delete and quit, which must be refused. */
    private static Map<String, String> probeAs(String user, String group) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of(AuthProbe.class.getName(), manager.socket.toString(), "office",
                PLAIN_TUNNEL));
        if (!user.equals("root") && !group.equals(ADMINS)) {
            args.add("--delete-and-quit");
        }
        for (String line : runAs(user, group, args.toArray(String[]::new))) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return out;
    }

    /** Runs a class of the test classpath as {@code user} with its login groups; returns its lines and "exit N". */
    private static List<String> runAs(String user, String group, String... mainAndArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups"));
        cmd.addAll(TestJava.command(classpath));
        cmd.addAll(List.of(mainAndArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("client as " + user + " hung: " + lines);
        }
        lines.add("exit " + p.exitValue());
        return lines;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void runQuietly(String... cmd) {
        try {
            run(cmd);
        } catch (Exception e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }
}
