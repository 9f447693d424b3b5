package dev.warren.app.demo;

import dev.warren.core.config.IpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The IPv4 destinations this host routes, in every table (local addresses included), as `ip route` lists them. */
public final class RoutedNetworks {

    /** Route types `ip route` prints before the destination; any other first word is the destination itself. */
    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "anycast",
            "unreachable", "prohibit", "blackhole", "throw", "nat");

    private RoutedNetworks() {
    }

    /** Reads them from {@code ip -4 -o route show table all}. */
    public static List<IpNetwork> ofThisHost(SystemCommands sys) {
        return parse(sys.run("ip", "-4", "-o", "route", "show", "table", "all"));
    }

    /** The destinations of {@code ip -o route} output; {@code default} is 0.0.0.0/0. */
    static List<IpNetwork> parse(String ipRouteOutput) {
        List<IpNetwork> out = new ArrayList<>();
        for (String line : ipRouteOutput.lines().toList()) {
            String[] words = line.strip().split("\\s+");
            int i = words.length > 1 && TYPES.contains(words[0]) ? 1 : 0;
            if (words[i].isEmpty()) {
                continue;
            }
            out.add(words[i].equals("default") ? IpNetwork.parse("0.0.0.0/0") : IpNetwork.parse(words[i]));
        }
        return out;
    }
}
