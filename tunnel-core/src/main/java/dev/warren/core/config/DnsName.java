package dev.warren.core.config;

/**
 * Syntax of DNS host and domain names (RFC 1123 labels, plus '_' which real-world resolvers accept), checked
 * without any lookup. Shared by {@link Endpoint} hosts and DNS search domains.
 */
final class DnsName {

    static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private DnsName() {
    }

    /**
     * Why {@code name} is not a valid DNS name, as a predicate to follow the name ("is longer than ..."), or
     * {@code null} when it is valid. A single trailing dot (fully
     * qualified form) is allowed; a name made only of digits and dots is rejected because it can only have been
     * meant as an IPv4 address.
     */
    static String problem(String name) {
        String s = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (s.isEmpty()) {
            return "is empty";
        }
        if (s.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        boolean allNumeric = true;
        int labelStart = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0) {
                    return "has an empty label (\"..\" or a leading dot)";
                }
                if (len > MAX_LABEL) {
                    return "has a dot-separated part longer than " + MAX_LABEL + " characters";
                }
                if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return "has a dot-separated part starting or ending with '-'";
                }
                labelStart = i + 1;
                continue;
            }
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!digit && !letter && c != '-' && c != '_') {
                return "has characters other than a-z, 0-9, '-', '_' and '.'";
            }
            allNumeric &= digit;
        }
        if (allNumeric) {
            return "is not a valid IPv4 address";
        }
        return null;
    }
}
