package dev.warren.bridge.linux;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.core.config.IpNetwork;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DNS on Linux the way wg-quick does it: {@code resolvconf -a <iface> -m 0 -x} with {@code nameserver} and
 * {@code search} lines on stdin (Debian's resolvconf, openresolv, and systemd's resolvconf compatibility
 * all accept this), removed with {@code resolvconf -d <iface> -f}. Without resolvconf but with
 * systemd-resolved running, {@code resolvectl dns/domain <iface>} (with the {@code ~.} routing domain, the
 * equivalent of {@code -x}: all queries go to the tunnel's servers) and {@code resolvectl revert <iface>}.
 *
 * <p>The record name gets Debian resolvconf's interface prefix (e.g. {@code tun.}) when
 * {@code /etc/resolvconf/interface-order} declares one, so the tunnel's servers are ordered first.
 */
public final class LinuxDnsConfigurator implements DnsConfigurator {

    private static final Pattern PREFIX_LINE = Pattern.compile("^([A-Za-z0-9-]+)\\*$");
    private static final long TIMEOUT_SECONDS = 10;

    private final List<Path> searchPath;
    private final Path interfaceOrder;
    private final Path resolvedRuntimeDir;
    private final Map<String, Applied> applied = new HashMap<>();

    /** How DNS is (or was) set for an interface, so that it can be undone the same way. */
    private record Applied(Path tool, boolean resolvectl, String record) {
    }

    public LinuxDnsConfigurator() {
        this(pathFromEnvironment(), Path.of("/etc/resolvconf/interface-order"), Path.of("/run/systemd/resolve"));
    }

    /**
     * @param searchPath         directories searched for {@code resolvconf} and {@code resolvectl}
     * @param interfaceOrder     Debian resolvconf's interface-order file (need not exist)
     * @param resolvedRuntimeDir present only while systemd-resolved runs
     */
    LinuxDnsConfigurator(List<Path> searchPath, Path interfaceOrder, Path resolvedRuntimeDir) {
        this.searchPath = List.copyOf(searchPath);
        this.interfaceOrder = interfaceOrder;
        this.resolvedRuntimeDir = resolvedRuntimeDir;
    }

    @Override
    public synchronized void set(String interfaceName, List<InetAddress> servers, List<String> searchDomains)
            throws IOException {
        IfReq.checkName(interfaceName);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("DNS for " + interfaceName + ": at least one server is needed");
        }
        List<String> domains = searchDomains.stream().map(DnsConfigurator::checkDomain).toList();
        clear(interfaceName);
        Applied how = mechanism(interfaceName).orElseThrow(() -> new IOException("cannot set DNS for "
                + interfaceName + ": neither resolvconf nor a running systemd-resolved (resolvectl) was found; "
                + "install resolvconf or openresolv, or remove DNS from the tunnel's configuration"));
        String tool = how.tool().toString();
        if (!how.resolvectl()) {
            StringBuilder conf = new StringBuilder();
            for (InetAddress s : servers) {
                conf.append("nameserver ").append(IpNetwork.format(s)).append('\n');
            }
            if (!domains.isEmpty()) {
                conf.append("search ").append(String.join(" ", domains)).append('\n');
            }
            run(List.of(tool, "-a", how.record(), "-m", "0", "-x"), conf.toString());
            applied.put(interfaceName, how);
            return;
        }
        List<String> dns = new ArrayList<>(List.of(tool, "dns", interfaceName));
        servers.forEach(s -> dns.add(IpNetwork.format(s)));
        List<String> domain = new ArrayList<>(List.of(tool, "domain", interfaceName, "~."));
        domain.addAll(domains);
        applied.put(interfaceName, how);
        try {
            run(dns, "");
            run(domain, "");
        } catch (IOException e) {
            clear(interfaceName);
            throw e;
        }
    }

    @Override
    public synchronized void clear(String interfaceName) throws IOException {
        Applied a = applied.remove(interfaceName);
        if (a != null) {
            revert(a);
        }
    }

    /**
     * Reverts by what {@link #set} would use now, which is what the killed process used unless the system changed
     * meanwhile. With systemd-resolved, a link that no longer exists has no DNS left (resolved drops it with the
     * link), and {@code resolvectl revert} would fail on it.
     */
    @Override
    public synchronized Optional<String> clearStale(String interfaceName) throws IOException {
        IfReq.checkName(interfaceName);
        applied.remove(interfaceName);
        Optional<Applied> how = mechanism(interfaceName);
        if (how.isEmpty() || (how.get().resolvectl() && !Files.exists(Path.of("/sys/class/net", interfaceName)))) {
            return Optional.empty();
        }
        return Optional.of(String.join(" ", revert(how.get())));
    }

    /** wg-quick's choice: resolvconf if installed, else resolvectl if systemd-resolved runs, else nothing. */
    private Optional<Applied> mechanism(String interfaceName) throws IOException {
        Optional<Path> resolvconf = find("resolvconf");
        if (resolvconf.isPresent()) {
            return Optional.of(new Applied(resolvconf.get(), false, recordPrefix() + interfaceName));
        }
        return find("resolvectl").filter(t -> Files.isDirectory(resolvedRuntimeDir))
                .map(t -> new Applied(t, true, interfaceName));
    }

    /** Undoes a record the way it was made; returns the command run. */
    private static List<String> revert(Applied a) throws IOException {
        List<String> command = a.resolvectl()
                ? List.of(a.tool().toString(), "revert", a.record())
                : List.of(a.tool().toString(), "-d", a.record(), "-f");
        run(command, "");
        return command;
    }

    /** wg-quick's resolvconf_iface_prefix: the first "name*" line of interface-order gives "name.". */
    private String recordPrefix() throws IOException {
        if (!Files.isRegularFile(interfaceOrder)) {
            return "";
        }
        for (String line : Files.readAllLines(interfaceOrder, StandardCharsets.UTF_8)) {
            Matcher m = PREFIX_LINE.matcher(line.strip());
            if (m.matches()) {
                return m.group(1) + ".";
            }
        }
        return "";
    }

    private Optional<Path> find(String tool) {
        return searchPath.stream().map(d -> d.resolve(tool)).filter(Files::isExecutable).findFirst();
    }

    private static void run(List<String> command, String stdin) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running " + String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")"
                    + (out.isEmpty() ? "" : ": " + out));
        }
    }

    private static List<Path> pathFromEnvironment() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        for (String d : (path == null || path.isEmpty() ? "/usr/sbin:/usr/bin:/sbin:/bin" : path).split(":")) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        return dirs;
    }
}
