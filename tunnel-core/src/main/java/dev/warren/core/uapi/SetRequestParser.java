package dev.warren.core.uapi;

import dev.warren.core.config.Key;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns the body lines of a {@code set=1} request into a {@link DeviceUpdate}, rejecting exactly what
 * wireguard-go rejects with the errno it uses, but before anything is applied.
 *
 * <p>Device keys come first; the first {@code public_key} starts the peer sections, after which only peer keys
 * are valid. A peer section after {@code remove=true} is still validated but otherwise ignored.
 */
final class SetRequestParser {

    private Optional<Key> privateKey = Optional.empty();
    private boolean removePrivateKey;
    private OptionalInt listenPort = OptionalInt.empty();
    private OptionalInt fwmark = OptionalInt.empty();
    private boolean replacePeers;
    private final List<PeerUpdate> peers = new ArrayList<>();
    private PeerSection peer;
    private int lineNumber;

    /** Takes the next line of the body (without its newline; not the terminating empty line). */
    void line(String line) throws UapiException {
        lineNumber++;
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new UapiException(UapiException.EPROTO, where() + "a line is key=value, this has no '='");
        }
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        if (key.equals("public_key")) {
            finishPeer();
            peer = new PeerSection(Key.of(Key.Kind.PUBLIC, hexKey(key, value)));
        } else if (peer == null) {
            deviceLine(key, value);
        } else {
            peerLine(key, value);
        }
    }

    /** The whole request, once its terminating empty line (or the end of the stream) has been reached. */
    DeviceUpdate finish() {
        finishPeer();
        return new DeviceUpdate(privateKey, removePrivateKey, listenPort, fwmark, replacePeers, peers);
    }

    private void deviceLine(String key, String value) throws UapiException {
        switch (key) {
            case "private_key" -> {
                byte[] raw = hexKey(key, value);
                boolean zero = isZero(raw);
                privateKey = zero ? Optional.empty() : Optional.of(Key.of(Key.Kind.PRIVATE, raw));
                removePrivateKey = zero;
                Arrays.fill(raw, (byte) 0); // Key keeps its own copy; leave no stray secret behind
            }
            case "listen_port" -> listenPort = OptionalInt.of((int) number(key, value, 65535));
            case "fwmark" -> fwmark = OptionalInt.of((int) number(key, value, 0xffff_ffffL));
            case "replace_peers" -> replacePeers = isTrue(key, value);
            default -> throw new UapiException(UapiException.EINVAL, where() + "'" + printable(key)
                    + "' is not a device key (private_key, listen_port, fwmark, replace_peers) and peer keys must follow"
                    + " a public_key line");
        }
    }

    private void peerLine(String key, String value) throws UapiException {
        PeerSection p = peer;
        switch (key) {
            case "update_only" -> p.updateOnly |= isTrue(key, value);
            case "remove" -> p.removed |= isTrue(key, value);
            case "preshared_key" -> {
                byte[] raw = hexKey(key, value);
                p.presharedKey = Optional.of(Key.of(Key.Kind.PRESHARED, raw));
                Arrays.fill(raw, (byte) 0);
            }
            case "endpoint" -> p.endpoint = Optional.of(endpoint(value));
            case "persistent_keepalive_interval" ->
                    p.persistentKeepalive = OptionalInt.of((int) number(key, value, 65535));
            case "replace_allowed_ips" -> {
                if (isTrue(key, value)) {
                    // Applied in order, as wireguard-go does: earlier allowed_ip lines of this peer are replaced too.
                    p.replaceAllowedIps = true;
                    p.allowedIps.clear();
                }
            }
            case "allowed_ip" -> p.allowedIps.add(allowedIp(value));
            case "protocol_version" -> {
                if (!value.equals("1")) {
                    throw new UapiException(UapiException.EINVAL, where() + "protocol_version must be 1, not '"
                            + printable(value) + "'");
                }
            }
            default -> throw new UapiException(UapiException.EINVAL, where() + "'" + printable(key)
                    + "' is not a peer key (public_key, remove, update_only, preshared_key, endpoint,"
                    + " persistent_keepalive_interval, replace_allowed_ips, allowed_ip, protocol_version)");
        }
    }

    private void finishPeer() {
        PeerSection p = peer;
        if (p == null) {
            return;
        }
        peers.add(p.removed
                ? PeerUpdate.removal(p.publicKey)
                : new PeerUpdate(p.publicKey, false, p.updateOnly, p.presharedKey, p.endpoint, p.persistentKeepalive,
                        p.replaceAllowedIps, p.allowedIps));
        peer = null;
    }

    /** 64 hex digits; the message never repeats the value, which may be a secret. */
    private byte[] hexKey(String key, String value) throws UapiException {
        if (value.length() != Key.LENGTH * 2) {
            throw new UapiException(UapiException.EINVAL, where() + key + " must be 64 hex digits, this value has "
                    + value.length() + " characters");
        }
        byte[] raw = new byte[Key.LENGTH];
        for (int i = 0; i < value.length(); i++) {
            int d = hexDigit(value.charAt(i));
            if (d < 0) {
                throw new UapiException(UapiException.EINVAL, where() + key + " must be 64 hex digits (0-9, a-f),"
                        + " character " + (i + 1) + " is not one");
            }
            raw[i / 2] |= (byte) (i % 2 == 0 ? d << 4 : d);
        }
        return raw;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean isZero(byte[] raw) {
        int acc = 0;
        for (byte b : raw) {
            acc |= b;
        }
        return acc == 0;
    }

    private long number(String key, String value, long max) throws UapiException {
        long v = UapiSyntax.parseUnsigned(value, max);
        if (v < 0) {
            throw new UapiException(UapiException.EINVAL, where() + key + " must be a number 0-" + max + ", not '"
                    + printable(value) + "'");
        }
        return v;
    }

    /** wireguard-go accepts only the literal {@code true} for the flag keys. */
    private boolean isTrue(String key, String value) throws UapiException {
        if (!value.equals("true")) {
            throw new UapiException(UapiException.EINVAL, where() + key + " can only be 'true', not '"
                    + printable(value) + "'");
        }
        return true;
    }

    private InetSocketAddress endpoint(String value) throws UapiException {
        try {
            return UapiSyntax.parseEndpoint(value);
        } catch (IllegalArgumentException e) {
            throw new UapiException(UapiException.EINVAL, where() + "endpoint '" + printable(value) + "': "
                    + e.getMessage(), e);
        }
    }

    private AllowedIpChange allowedIp(String value) throws UapiException {
        boolean remove = value.startsWith("-");
        String text = remove ? value.substring(1) : value;
        try {
            return new AllowedIpChange(UapiSyntax.parsePrefix(text), remove);
        } catch (IllegalArgumentException e) {
            throw new UapiException(UapiException.EINVAL, where() + "allowed_ip '" + printable(value) + "': "
                    + e.getMessage(), e);
        }
    }

    private String where() {
        return "set request line " + lineNumber + ": ";
    }

    /** Echoed input is cut short and stripped of control characters so it cannot forge log lines. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 80 ? sb.append("...").toString() : sb.toString();
    }

    /** The changes gathered for the peer being parsed. */
    private static final class PeerSection {
        final Key publicKey;
        boolean removed;
        boolean updateOnly;
        Optional<Key> presharedKey = Optional.empty();
        Optional<InetSocketAddress> endpoint = Optional.empty();
        OptionalInt persistentKeepalive = OptionalInt.empty();
        boolean replaceAllowedIps;
        final List<AllowedIpChange> allowedIps = new ArrayList<>();

        PeerSection(Key publicKey) {
            this.publicKey = publicKey;
        }
    }
}
