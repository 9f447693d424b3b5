package dev.warren.app;

import dev.warren.core.config.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Run in a JVM of its own by {@link JvmDnsCacheTest} (the cache settings are read once per JVM), with
 * {@code -Djdk.net.hosts.file=FILE} as its resolver: starts as {@code warren} does (or not), resolves an endpoint,
 * changes the name's address in FILE, resolves it again and prints both addresses.
 */
public final class DnsReresolutionProbe {

    static final String HOST = "peer.warren.test";

    private DnsReresolutionProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path hosts = Path.of(args[0]);
        if (args[1].equals("as-warren-starts")) {
            Main.run(new String[] {"--version"});
        }
        Endpoint endpoint = Endpoint.parse(HOST + ":51820");
        System.out.println(endpoint.resolve().getAddress().getHostAddress());
        Files.writeString(hosts, "192.0.2.2 " + HOST + "\n");
        Files.setLastModifiedTime(hosts, FileTime.from(Instant.now().plusSeconds(60)));
        System.out.println(endpoint.resolve().getAddress().getHostAddress());
    }
}
