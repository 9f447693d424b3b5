package dev.warren.bridge;

import java.util.List;

/**
 * A policy-routing rule of the kind wg-quick installs when AllowedIPs contain a default route, so that the
 * tunnel's own (fwmark-ed) UDP packets still leave through the real uplink:
 * <pre>
 *   ip rule add not fwmark T table T                  # everything unmarked looks at the tunnel's table T
 *   ip rule add table main suppress_prefixlength 0    # but main's specific routes win over its default
 * </pre>
 *
 * @param ipv6                  which family the rule belongs to
 * @param priority              the rule preference, or -1 to let the kernel choose
 * @param fwmark                the mark matched, or 0 for no mark match
 * @param invertFwmark          match packets <em>without</em> the mark ({@code not fwmark})
 * @param table                 the table looked up
 * @param suppressPrefixLength  ignore matches with a prefix this long or shorter, or -1 for no suppression
 */
public record PolicyRule(boolean ipv6, int priority, int fwmark, boolean invertFwmark, int table,
                         int suppressPrefixLength) {

    public PolicyRule {
        if (priority < -1) {
            throw new IllegalArgumentException("rule priority must be 0 or more (or -1 for automatic), not " + priority);
        }
        if (table == 0) {
            throw new IllegalArgumentException("rule table must be 1-4294967295, not " + Integer.toUnsignedString(table));
        }
        if (invertFwmark && fwmark == 0) {
            throw new IllegalArgumentException("'not fwmark' needs a non-zero mark");
        }
        if (suppressPrefixLength < -1 || suppressPrefixLength > (ipv6 ? 128 : 32)) {
            throw new IllegalArgumentException("suppress_prefixlength must be 0-" + (ipv6 ? 128 : 32)
                    + " (or -1 for none), not " + suppressPrefixLength);
        }
    }

    /** {@code not fwmark <mark> table <table>}. */
    public static PolicyRule notFwmark(boolean ipv6, int mark, int table) {
        return new PolicyRule(ipv6, -1, mark, true, table, -1);
    }

    /** {@code table main suppress_prefixlength 0}: main's default route is ignored, its specific routes are not. */
    public static PolicyRule suppressMainDefault(boolean ipv6) {
        return new PolicyRule(ipv6, -1, 0, false, Route.MAIN_TABLE, 0);
    }

    /** The pair wg-quick adds for a default route through table {@code table} marked {@code table}, in order. */
    public static List<PolicyRule> wgQuickDefaultRoute(boolean ipv6, int table) {
        return List.of(notFwmark(ipv6, table, table), suppressMainDefault(ipv6));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(ipv6 ? "-6 rule" : "-4 rule");
        if (priority >= 0) {
            sb.append(" priority ").append(priority);
        }
        if (fwmark != 0) {
            sb.append(invertFwmark ? " not" : "").append(" fwmark 0x").append(Integer.toHexString(fwmark));
        }
        sb.append(" table ").append(table == Route.MAIN_TABLE ? "main" : Integer.toUnsignedString(table));
        if (suppressPrefixLength >= 0) {
            sb.append(" suppress_prefixlength ").append(suppressPrefixLength);
        }
        return sb.toString();
    }
}
