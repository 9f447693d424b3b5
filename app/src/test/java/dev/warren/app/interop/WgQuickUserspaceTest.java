package dev.warren.app.interop;

import dev.warren.app.interop.Lab.Impl;
import dev.warren.app.interop.Lab.Node;
import dev.warren.core.config.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stock {@code wg-quick} brings a config up and down with {@code WG_QUICK_USERSPACE_IMPLEMENTATION} pointing at
 * a script that runs {@code warren userspace}: wg-quick falls back to the userspace implementation, which must
 * daemonize and serve its socket before wg-quick configures it.
 *
 * <p>wg-quick takes that path only when {@code ip link add IFACE type wireguard} fails and
 * {@code /sys/module/wireguard} does not exist. On a kernel with the module it would use the module instead, so the
 * test makes both hold whatever the kernel: wg-quick runs in a mount namespace of its own with an empty tmpfs over
 * {@code /sys/module} (when the module is loaded), and with {@code ip} as an exported bash function that fails
 * that one command as a kernel without the module does and runs the real {@code ip} otherwise. A function, not an
 * {@code ip} script first on {@code PATH}: wg-quick puts its own directory (where {@code ip} also is, on a merged
 * /usr) first on {@code PATH}.
 */
@Tag("netns")
class WgQuickUserspaceTest {

    @Test
    void wgQuickUpAndDownWithWarrenAsTheUserspaceImplementation() throws Exception {
        try (Lab lab = Lab.create(1500)) {
            Node wgo = lab.start('b', Impl.WIREGUARD_GO);
            String iface = "wqa" + lab.suffix;
            Key key = Key.generatePrivate();
            Path conf = lab.workDir().resolve(iface + ".conf");
            Files.writeString(conf, """
                    [Interface]
                    PrivateKey = %s
                    Address = 10.100.0.1/24, fd00:100::1/64
                    ListenPort = 51821
                    MTU = 1400

                    [Peer]
                    PublicKey = %s
                    AllowedIPs = 10.100.0.2/32, fd00:100::2/128, 10.200.0.0/16
                    Endpoint = 10.99.0.2:%d
                    """.formatted(key.toBase64(), wgo.publicKey().toBase64(), wgo.port()));
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
            wgo.exec("wg", "set", wgo.iface(), "peer", key.publicKey().toBase64(), "allowed-ips",
                    "10.100.0.1/32,fd00:100::1/128", "endpoint", "10.99.0.1:51821");

            Path script = lab.workDir().resolve("warren-userspace");
            Files.writeString(script, "#!/bin/sh\nexec '" + String.join("' '", Lab.warrenMain()) + "' userspace \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

            Lab.Result up = wgQuick(lab, script, "up", conf);
            Optional<ProcessHandle> daemon = daemonOf(iface);
            try {
                assertEquals(0, up.status(), up.output());
                assertTrue(up.output().contains("Error: Unknown device type."), "the ip shim ran: " + up.output());
                assertTrue(up.output().contains("Falling back to slow userspace implementation"), up.output());
                assertTrue(daemon.isPresent(), "a detached warren userspace process serves " + iface);
                String addrs = lab.a.exec("ip", "addr", "show", "dev", iface);
                assertTrue(addrs.contains("10.100.0.1/24") && addrs.contains("fd00:100::1/64"), addrs);
                assertTrue(addrs.contains("mtu 1400"), addrs);
                String routes = lab.a.exec("ip", "route", "show", "dev", iface);
                assertTrue(routes.contains("10.200.0.0/16"), routes);
                assertEquals(key.publicKey().toBase64() + "\n", lab.a.exec("wg", "show", iface, "public-key"));
                lab.a.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", wgo.inner4());
                lab.a.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", wgo.inner6());

                Lab.Result down = wgQuick(lab, script, "down", conf);
                assertEquals(0, down.status(), down.output());
                assertTrue(daemon.get().onExit().get(30, TimeUnit.SECONDS) != null);
                assertFalse(lab.a.exec("ip", "link", "show").contains(iface), "the interface is gone");
                assertFalse(lab.a.exec("ip", "route", "show").contains("10.200.0.0/16"), "its routes are gone");
                assertFalse(Files.exists(Path.of("/var/run/wireguard", iface + ".sock")), "the socket is removed");
            } finally {
                daemon.ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** What {@code ip link add IFACE type wireguard} prints and returns on a kernel without the WireGuard module. */
    private static final String IP_WITHOUT_WIREGUARD_MODULE = """
            () { if [ "$#" -eq 5 ] && [ "$1 $2 $4 $5" = "link add type wireguard" ]; then             echo "Error: Unknown device type." >&2; return 2; fi; command ip "$@"; }""";

    /** Hides a loaded module from wg-quick's {@code [[ -e /sys/module/wireguard ]]}, in this mount namespace only. */
    private static final String HIDE_MODULE = "if [ -e /sys/module/wireguard ]; then "
            + "mount -t tmpfs warren-test /sys/module || exit 99; fi; exec \"$@\"";

    private static Lab.Result wgQuick(Lab lab, Path script, String action, Path conf) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c", HIDE_MODULE, "sh",
                "env", "-u", "LOG_LEVEL", "BASH_FUNC_ip%%=" + IP_WITHOUT_WIREGUARD_MODULE,
                "WG_QUICK_USERSPACE_IMPLEMENTATION=" + script, "wg-quick", action, conf.toString()));
        return Lab.tryRun(lab.a, cmd.toArray(String[]::new));
    }

    /** The daemon that serves {@code iface}: a process this test started indirectly (through wg-quick). */
    private static Optional<ProcessHandle> daemonOf(String iface) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("userspace")
                        && List.of(a).contains(iface)).orElse(false))
                .findFirst();
    }
}
