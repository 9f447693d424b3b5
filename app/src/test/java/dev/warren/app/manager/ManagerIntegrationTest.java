package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ErrorCode;
import dev.warren.app.ipc.UnixSocketAcceptor;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerUnavailableException;
import dev.warren.app.ipc.RpcException;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.testing.Cli;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.app.testing.TestJava;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real manager process on a temporary socket and store, driven through the CLI while a second client watches
 * every notification.
 */
class ManagerIntegrationTest {

    @TempDir
    Path dir;
    ManagerProcess manager;
    ManagerClient watcher;
    NotificationRecorder seen;

    @BeforeEach
    void start() throws Exception {
        manager = new ManagerProcess(dir).start();
        watcher = ManagerClient.connect(manager.socket);
        seen = new NotificationRecorder();
        watcher.addListener(seen);
    }

    @AfterEach
    void stop() throws Exception {
        watcher.close();
        manager.close();
    }

    @Test
    void importListRenameExportDeleteThroughTheCli() throws Exception {
        Path a = dir.resolve("alpha.conf");
        Files.writeString(a, Configs.tunnel("10.1.0.2/24", "10.1.0.0/24"));
        Path bad = dir.resolve("broken.conf");
        Files.writeString(bad, "[Interface]\nPrivateKey = nope\nAddress = 10.2.0.2/24\n");
        Path zip = dir.resolve("bundle.zip");
        String beta = Configs.tunnel("10.3.0.2/24", "10.3.0.0/24");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("dir/beta.conf"));
            z.write(beta.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("../../evil name.conf"));
            z.write(beta.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("README.txt"));
            z.write("not a config".getBytes(StandardCharsets.UTF_8));
        }

        Cli.Result imp = Cli.run(manager.socket, "import", a.toString(), bad.toString(), zip.toString());
        assertEquals(1, imp.exit(), imp.toString());
        assertTrue(imp.out().contains("imported alpha (from " + a + ")"), imp.toString());
        assertTrue(imp.out().contains("imported beta (from " + zip + ":dir/beta.conf)"), imp.toString());
        assertTrue(imp.out().contains("failed   " + bad + ": the config of 'broken' has 1 error(s)"), imp.toString());
        assertTrue(imp.out().contains("broken.conf:2:14: error:"), "the parser's error with line and column: " + imp);
        assertTrue(imp.out().contains("evil name.conf: 'evil name' is not a valid tunnel name"), imp.toString());
        assertTrue(imp.out().contains("Imported 2 of 4."), imp.toString());
        assertFalse(Files.exists(dir.getParent().resolve("evil name.conf")), "zip slip wrote nothing anywhere");
        seen.await("tunnels alpha");
        seen.await("tunnels alpha,beta");
        seen.await(e -> e.equals("log [alpha] created by root"), "creation logged");

        Cli.Result list = Cli.run(manager.socket, "list");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().matches("(?s)NAME +STATE +BOOT +ADDRESSES\nalpha +inactive +10\\.1\\.0\\.2/24\nbeta +inactive +10\\.3\\.0\\.2/24\n"),
                list.out());

        // Rename (with a changed config) through a client, as the GUI does; the watcher sees the new list.
        ManagerClient.await(watcher.setBootStart("alpha", true));
        String gamma = Configs.tunnel("10.4.0.2/24", "10.4.0.0/24");
        TunnelSummary renamed = ManagerClient.await(watcher.updateTunnel("alpha", "gamma", gamma));
        assertEquals(new TunnelSummary("gamma", TunnelState.INACTIVE, null, true, List.of("10.4.0.2/24")), renamed);
        seen.await("tunnels beta,gamma");
        assertFalse(Files.exists(manager.store.resolve("alpha.conf")));
        assertEquals(gamma, Files.readString(manager.store.resolve("gamma.conf")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(manager.store.resolve("gamma.conf"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(manager.store)));
        assertEquals(gamma, ManagerClient.await(watcher.getConfig("gamma")).text(), "root sees the full config");

        RpcException dup = assertThrows(RpcException.class, () -> ManagerClient.await(watcher.updateTunnel("beta", "gamma", beta)));
        assertEquals(ErrorCode.TUNNEL_EXISTS, dup.code());
        RpcException invalid = assertThrows(RpcException.class,
                () -> ManagerClient.await(watcher.createTunnel("delta", "[Interface]\nAddres = 10.0.0.1/32\n")));
        assertEquals(ErrorCode.INVALID_CONFIG, invalid.code());
        assertTrue(invalid.details().stream().anyMatch(d -> d.startsWith("delta.conf:2:1:") && d.contains("Address")),
                invalid.details().toString());

        Path out = dir.resolve("export.zip");
        Cli.Result exp = Cli.run(manager.socket, "export", out.toString());
        assertEquals(0, exp.exit(), exp.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        List<TunnelArchive.Entry> exported = TunnelArchive.read(new ByteArrayInputStream(Files.readAllBytes(out)));
        assertEquals(Map.of("beta", beta, "gamma", gamma),
                Map.of(exported.get(0).name(), exported.get(0).text(), exported.get(1).name(), exported.get(1).text()));

        Cli.Result edit = editWith(dir, "sed -i 's#10.3.0.2/24#10.3.0.9/24#' \"$1\"", "beta", "");
        assertEquals(0, edit.exit(), edit.toString());
        assertTrue(ManagerClient.await(watcher.getConfig("beta")).text().contains("Address = 10.3.0.9/24"));

        assertEquals(0, Cli.run(manager.socket, "down", "beta").exit());
        ManagerClient.await(watcher.deleteTunnel("beta"));
        seen.await("tunnels gamma");
        RpcException gone = assertThrows(RpcException.class, () -> ManagerClient.await(watcher.getConfig("beta")));
        assertEquals(ErrorCode.NO_SUCH_TUNNEL, gone.code());

        Cli.Result log = Cli.run(manager.socket, "log", "--tunnel", "gamma");
        assertTrue(log.out().contains("[gamma] renamed from 'alpha' by root"), log.toString());
        assertFalse(log.out().contains("[beta]"), log.toString());
    }

    @Test
    void editReopensTheEditorUntilTheConfigIsValid() throws Exception {
        String conf = Configs.tunnel("10.5.0.2/24", "10.5.0.0/24");
        ManagerClient.await(watcher.createTunnel("epsilon", conf));
        // First round breaks the Address, the second fixes it; the user answers "y" to "Edit again?".
        Path counter = dir.resolve("rounds");
        String script = "n=$(cat " + counter + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + counter + "; "
                + "if [ $n = 1 ]; then sed -i 's#10.5.0.2/24#10.5.0.300/24#' \"$1\"; "
                + "else sed -i 's#10.5.0.300/24#10.5.0.3/24#' \"$1\"; fi";
        Cli.Result r = editWith(dir, script, "epsilon", "y\n");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("epsilon.conf:4:11: error:"), r.toString());
        assertTrue(r.err().contains("Edit again? [Y/n]"), r.toString());
        assertEquals("2", Files.readString(counter).strip());
        assertTrue(ManagerClient.await(watcher.getConfig("epsilon")).text().contains("Address = 10.5.0.3/24"));

        Cli.Result declined = editWith(dir, "sed -i 's#10.5.0.3/24#10.5.0.300/24#' \"$1\"", "epsilon", "n\n");
        assertEquals(1, declined.exit(), declined.toString());
        assertTrue(declined.err().contains("nothing was saved"), declined.toString());
    }

    @Test
    void aFileDroppedIntoTheStoreIsPickedUpAndAnInvalidOneIsKeptWithItsErrors() throws Exception {
        String conf = Configs.tunnel("10.6.0.2/24", "10.6.0.0/24");
        Files.writeString(manager.store.resolve("dropped.conf"), conf);
        seen.await("tunnels dropped");
        // Written in place, as cp does: the manager may first see the file still empty, then re-reads it on the
        // write's modify event.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String stored = null;
        while (System.nanoTime() < deadline) {
            try {
                stored = ManagerClient.await(watcher.getConfig("dropped")).text();
            } catch (RpcException notYet) {
                stored = notYet.getMessage();
            }
            if (conf.equals(stored)) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(conf, stored);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(manager.store.resolve("dropped.conf"))));

        Files.writeString(manager.store.resolve("junk.conf"), "[Interface]\nListenPort = 99999\n");
        seen.await("tunnels dropped,junk");
        seen.await(e -> e.startsWith("log [junk] junk.conf:2:14: error:"), "the parser's error in the log");
        TunnelSummary junk = ManagerClient.await(watcher.listTunnels()).get(1);
        assertTrue(junk.error().startsWith("the config is invalid: junk.conf:"), junk.toString());
        RpcException e = assertThrows(RpcException.class, () -> ManagerClient.await(watcher.startTunnel("junk")));
        assertEquals(ErrorCode.INVALID_CONFIG, e.code());
        assertTrue(Files.exists(manager.store.resolve("junk.conf")), "an invalid file is never deleted");
    }

    @Test
    void secondInstanceIsRefusedAndSigtermStopsCleanly() throws Exception {
        ManagerProcess second = ManagerProcess.withOutput(dir, "second.out");
        assertEquals(1, second.runExpectingExit());
        assertTrue(second.output().contains("warren manager: another Warren manager is already running"), second.output());
        assertTrue(UnixSocketAcceptor.isLive(manager.socket), "the first one still serves");

        // Another socket and log, and the same store reached through another path: still refused, by the store.
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createSymbolicLink(elsewhere.resolve("store"), manager.store);
        ManagerProcess sameStore = ManagerProcess.withOutput(elsewhere, "same-store.out");
        assertEquals(1, sameStore.runExpectingExit());
        assertTrue(sameStore.output().contains("warren manager: another Warren manager is already running: process "
                + manager.pid() + " holds " + elsewhere.resolve("store").resolve(".manager.lock")
                + ", the lock of the config store"), sameStore.output());
        assertTrue(UnixSocketAcceptor.isLive(manager.socket), "the first one still serves");

        assertEquals(128 + 15, manager.stop(), "stopped by SIGTERM, after the clean shutdown below");
        seen.await("stopping");
        seen.await("disconnected");
        assertFalse(Files.exists(manager.socket), "the socket file is removed");
        assertTrue(manager.output().contains("manager stopped"), manager.output());
        ManagerUnavailableException down = assertThrows(ManagerUnavailableException.class,
                () -> ManagerClient.connect(manager.socket));
        assertTrue(down.getMessage().contains("is not running"), down.getMessage());
        Cli.Result list = Cli.run(manager.socket, "list");
        assertEquals(1, list.exit());
        assertTrue(list.err().startsWith("warren list: The Warren manager is not running"), list.toString());
    }

    @Test
    void logTailFollowsNewLinesOfOneTunnel() throws Exception {
        List<String> cmd = new ArrayList<>(TestJava.command(TestJava.classpath()));
        cmd.addAll(List.of("dev.warren.app.Main", "--socket", manager.socket.toString(), "log", "--tail", "--tunnel", "ui"));
        Process tail = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8))) {
            ManagerClient.await(watcher.writeLog("first line from the GUI"));
            String first = out.readLine();
            assertTrue(first.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[ui\\] first line from the GUI"), first);
            ManagerClient.await(watcher.createTunnel("zeta", Configs.tunnel("10.8.0.2/24", "10.8.0.0/24")));
            ManagerClient.await(watcher.writeLog("second line"));
            assertTrue(out.readLine().endsWith("[ui] second line"), "the tunnel's own lines were filtered out");
        } finally {
            tail.destroy();
            tail.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void quitStopsTheManager() throws Exception {
        ManagerClient.await(watcher.quit());
        seen.await("stopping");
        assertTrue(manager.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, manager.process().exitValue());
    }

    /** Runs {@code warren edit} with a shell snippet as $EDITOR and {@code answers} on stdin. */
    private Cli.Result editWith(Path dir, String editorScript, String tunnel, String answers) throws Exception {
        Path editor = dir.resolve("editor-" + System.nanoTime() + ".sh");
        Files.writeString(editor, "#!/bin/sh\n" + editorScript + "\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(TestJava.command(TestJava.classpath()));
        cmd.addAll(List.of("dev.warren.app.Main", "--socket", manager.socket.toString(), "edit", tunnel));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("EDITOR", editor.toString());
        pb.environment().remove("VISUAL");
        Process p = pb.start();
        p.getOutputStream().write(answers.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Cli.Result(p.waitFor(), out, err);
    }
}
