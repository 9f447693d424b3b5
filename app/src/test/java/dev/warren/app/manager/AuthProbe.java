package dev.warren.app.manager;

import dev.warren.app.ipc.AccessRefusedException;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.RpcException;
import dev.warren.app.ipc.StoredConfig;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Run by {@link AuthorizationTest} as another user (through setpriv): tries each kind of call and prints one line
 * per call — {@code name: OK detail} or {@code name: ERR CODE message} — for the test to check.
 *
 * <p>Arguments: the socket, a tunnel with scripts, a tunnel without (which really starts), and optionally
 * {@code --delete-and-quit} to also try deleting the first tunnel and stopping the manager, for callers that
 * must be refused both.
 */
public final class AuthProbe {
    private AuthProbe() {
    }

    public static void main(String[] args) {
        Path socket = Path.of(args[0]);
        String tunnel = args[1];
        String startable = args[2];
        boolean deleteAndQuit = args.length > 3 && args[3].equals("--delete-and-quit");
        ManagerClient c;
        try {
            c = ManagerClient.connect(socket);
        } catch (AccessRefusedException e) {
            System.out.println("connect: REFUSED " + e.getMessage());
            return;
        }
        try (c) {
            System.out.println("connect: OK " + c.session().role() + " " + c.session().user());
            probe("list", () -> ManagerClient.await(c.listTunnels()).size());
            probe("get", () -> {
                StoredConfig s = ManagerClient.await(c.getConfig(tunnel));
                return s.redacted() + " " + Base64.getEncoder().encodeToString(s.text().getBytes());
            });
            probe("log", () -> ManagerClient.await(c.readLog(-1, 10)).entries().size());
            probe("start", () -> ManagerClient.await(c.startTunnel(tunnel)).state());
            probe("stop", () -> ManagerClient.await(c.stopTunnel(tunnel)).state());
            probe("create", () -> ManagerClient.await(c.createTunnel("probe" + ProcessHandle.current().pid(),
                    ManagerClient.await(c.getConfig(tunnel)).text())).name());
            probe("export", () -> ManagerClient.await(c.exportZip()).length > 0);
            probe("bootStart", () -> ManagerClient.await(c.setBootStart(tunnel, false)).bootStart());
            probe("startPlain", () -> ManagerClient.await(c.startTunnel(startable)).state());
            probe("runtimePlain", () -> ManagerClient.await(c.runtime(startable)).name());
            probe("stopPlain", () -> ManagerClient.await(c.stopTunnel(startable)).state());
            probe("update", () -> ManagerClient.await(c.updateTunnel(tunnel, tunnel,
                    ManagerClient.await(c.getConfig(tunnel)).text())).name());
            probe("logFlood", () -> {
                int written = 0;
                try {
                    for (; written < 40; written++) {
                        ManagerClient.await(c.writeLog("line " + written + " from the probe"));
                    }
                    return "wrote " + written;
                } catch (RpcException e) {
                    return "wrote " + written + ", then " + e.code() + " " + e.getMessage();
                }
            });
            if (deleteAndQuit) {
                probe("delete", () -> {
                    ManagerClient.await(c.deleteTunnel(tunnel));
                    return "deleted";
                });
                probe("quit", () -> {
                    ManagerClient.await(c.quit());
                    return "quitting";
                });
            }
        }
    }

    private static void probe(String name, Callable<Object> call) {
        try {
            System.out.println(name + ": OK " + call.call());
        } catch (RpcException e) {
            System.out.println(name + ": ERR " + e.code() + " " + e.getMessage());
        } catch (ManagerException e) {
            System.out.println(name + ": FAIL " + e.getMessage());
        } catch (Exception e) {
            System.out.println(name + ": FAIL " + e);
        }
    }
}
