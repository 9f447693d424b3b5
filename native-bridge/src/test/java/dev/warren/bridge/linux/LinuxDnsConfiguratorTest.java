package dev.warren.bridge.linux;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real configurator against fake resolvconf/resolvectl scripts that record their arguments and stdin. */
class LinuxDnsConfiguratorTest {

    @TempDir
    Path dir;
    private Path bin;
    private Path log;

    @BeforeEach
    void dirs() throws IOException {
        bin = Files.createDirectory(dir.resolve("bin"));
        log = dir.resolve("calls.log");
    }

    @Test
    void resolvconfGetsServersAndSearchDomainsOnStdinAndIsUndone() throws Exception {
        fake("resolvconf", 0);
        LinuxDnsConfigurator dns = new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), dir.resolve("none"));
        dns.set("wg0", List.of(ip("10.0.0.53"), ip("fd00::53")), List.of("example.com", "corp.internal."));
        assertEquals("""
                resolvconf -a wg0 -m 0 -x
                nameserver 10.0.0.53
                nameserver fd00::53
                search example.com corp.internal
                """, Files.readString(log));

        dns.clear("wg0");
        dns.clear("wg0");
        assertTrue(Files.readString(log).endsWith("resolvconf -d wg0 -f\n"), Files.readString(log));
        assertEquals(1, Files.readString(log).lines().filter(l -> l.contains(" -d ")).count(),
                "a second clear has nothing left to undo");
    }

    @Test
    void debianInterfaceOrderPrefixIsUsedAndSettingAgainReplaces() throws Exception {
        fake("resolvconf", 0);
        Path order = Files.writeString(dir.resolve("interface-order"), "lo.inet*\ntun*\ntap*\n");
        LinuxDnsConfigurator dns = new LinuxDnsConfigurator(List.of(bin), order, dir.resolve("none"));
        dns.set("wg0", List.of(ip("10.0.0.53")), List.of());
        dns.set("wg0", List.of(ip("10.0.0.54")), List.of());
        assertEquals("""
                resolvconf -a tun.wg0 -m 0 -x
                nameserver 10.0.0.53
                resolvconf -d tun.wg0 -f
                resolvconf -a tun.wg0 -m 0 -x
                nameserver 10.0.0.54
                """, Files.readString(log));
    }

    @Test
    void failingResolvconfIsReportedAndNothingIsRecorded() throws Exception {
        fake("resolvconf", 3);
        LinuxDnsConfigurator dns = new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), dir.resolve("none"));
        IOException e = assertThrows(IOException.class, () -> dns.set("wg0", List.of(ip("10.0.0.53")), List.of()));
        assertTrue(e.getMessage().contains("resolvconf -a wg0 -m 0 -x failed (exit 3): refused"), e.getMessage());
        long calls = Files.readString(log).lines().count();
        dns.clear("wg0");
        assertEquals(calls, Files.readString(log).lines().count());
    }

    @Test
    void resolvectlWhenSystemdResolvedRunsWithoutResolvconf() throws Exception {
        fake("resolvectl", 0);
        Path running = Files.createDirectory(dir.resolve("resolve"));
        LinuxDnsConfigurator dns = new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), running);
        dns.set("wg1", List.of(ip("10.0.0.53"), ip("10.0.0.54")), List.of("example.com"));
        dns.clear("wg1");
        assertEquals("""
                resolvectl dns wg1 10.0.0.53 10.0.0.54
                resolvectl domain wg1 ~. example.com
                resolvectl revert wg1
                """, Files.readString(log));
    }

    @Test
    void noMechanismIsAClearError() throws Exception {
        fake("resolvectl", 0);
        LinuxDnsConfigurator dns = new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), dir.resolve("none"));
        IOException e = assertThrows(IOException.class, () -> dns.set("wg0", List.of(ip("10.0.0.53")), List.of()));
        assertTrue(e.getMessage().contains("neither resolvconf nor a running systemd-resolved"), e.getMessage());
        assertFalse(Files.exists(log));
    }

    @Test
    void domainsThatCouldInjectResolverLinesAreRefused() throws Exception {
        fake("resolvconf", 0);
        LinuxDnsConfigurator dns = new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), dir.resolve("none"));
        assertThrows(IllegalArgumentException.class,
                () -> dns.set("wg0", List.of(ip("10.0.0.53")), List.of("example.com\nnameserver 6.6.6.6")));
        assertThrows(IllegalArgumentException.class, () -> dns.set("wg0", List.of(ip("10.0.0.53")), List.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> dns.set("wg0", List.of(), List.of("example.com")));
        assertFalse(Files.exists(log));
    }

    @Test
    void aKilledProcesssResolvconfRecordIsRemovedByNameAlone() throws Exception {
        fake("resolvconf", 0);
        LinuxDnsConfigurator fresh = new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), dir.resolve("none"));
        assertEquals(Optional.of(bin.resolve("resolvconf") + " -d wg0 -f"), fresh.clearStale("wg0"));
        assertEquals("resolvconf -d wg0 -f\n", Files.readString(log));
    }

    @Test
    void aStaleRecordCarriesTheInterfaceOrderPrefixItWasSetWith() throws Exception {
        fake("resolvconf", 0);
        Path order = Files.writeString(dir.resolve("interface-order"), "lo.inet*\ntun*\n");
        new LinuxDnsConfigurator(List.of(bin), order, dir.resolve("none")).clearStale("wg0");
        assertEquals("resolvconf -d tun.wg0 -f\n", Files.readString(log));
    }

    @Test
    void aStaleLinkIsRevertedWithResolvectlOnlyWhileResolvedRunsAndTheLinkExists() throws Exception {
        fake("resolvectl", 0);
        Path running = Files.createDirectory(dir.resolve("resolve"));
        // "lo" always exists; resolved forgets a vanished link's DNS by itself, and revert would fail on it.
        assertTrue(new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), running).clearStale("lo").isPresent());
        assertEquals(Optional.empty(),
                new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), running).clearStale("wgnone0"));
        assertEquals(Optional.empty(),
                new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), dir.resolve("none")).clearStale("lo"));
        assertEquals("resolvectl revert lo\n", Files.readString(log));
    }

    @Test
    void nothingInstalledMeansNothingStaleToClear() throws Exception {
        LinuxDnsConfigurator dns = new LinuxDnsConfigurator(List.of(bin), dir.resolve("none"), dir.resolve("none"));
        assertEquals(Optional.empty(), dns.clearStale("wg0"));
        assertFalse(Files.exists(log));
    }

    private void fake(String name, int exit) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho \"" + name + " $*\" >> '" + log + "'\ncat >> '" + log + "'\n"
                + (exit != 0 ? "echo refused\nexit " + exit + "\n" : ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
