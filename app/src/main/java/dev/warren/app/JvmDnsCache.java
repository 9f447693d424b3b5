package dev.warren.app;

import java.security.Security;

/**
 * Turns off the JVM's own cache of name lookups, so that every lookup asks the system resolver.
 *
 * <p>Without a setting the JVM keeps a successful lookup for 30 s and a failed one for 10 s, ignoring the records'
 * TTLs, on top of the system resolver, which already caches by those TTLs. Endpoints given as host names are looked
 * up again after every ~15 s of failed handshakes ({@code EndpointReresolver}) and after network changes precisely to
 * follow an address that changed (dynamic DNS, a fail-over); through the JVM's cache that second lookup returned the
 * old address for up to 30 s more, and a name that failed while the network was down kept failing for 10 s after it
 * came back. Lookups are rare (per peer, at start and on those events), so not caching costs nothing.
 *
 * <p>It must run before the first lookup: the JVM reads these settings once.
 */
public final class JvmDnsCache {

    static final String TTL = "networkaddress.cache.ttl";
    static final String NEGATIVE_TTL = "networkaddress.cache.negative.ttl";

    private JvmDnsCache() {
    }

    /** Sets both TTLs to 0: no caching. */
    public static void disable() {
        Security.setProperty(TTL, "0");
        Security.setProperty(NEGATIVE_TTL, "0");
    }
}
