package dev.warren.core.config;

import java.util.Locale;

/**
 * wg-quick's {@code Table}: {@code auto} (default: routes for AllowedIPs in the main table, or a policy-routed
 * table for a default route), {@code off} (no routes), {@code main}, or a numbered routing table.
 *
 * @param mode  which of the four
 * @param id    the table number for {@link Mode#NUMBERED} (1-4294967295), else 0
 */
public record RoutingTable(Mode mode, long id) {

    public enum Mode { AUTO, OFF, MAIN, NUMBERED }

    public static final RoutingTable AUTO = new RoutingTable(Mode.AUTO, 0);
    public static final RoutingTable OFF = new RoutingTable(Mode.OFF, 0);
    public static final RoutingTable MAIN = new RoutingTable(Mode.MAIN, 0);

    private static final long MAX_ID = 0xFFFF_FFFFL;

    public RoutingTable {
        if (mode == null) {
            throw new IllegalArgumentException("a routing table mode is missing");
        }
        if (mode == Mode.NUMBERED ? id < 1 || id > MAX_ID : id != 0) {
            throw new IllegalArgumentException("a routing table number is 1-" + MAX_ID);
        }
    }

    public static RoutingTable numbered(long id) {
        return new RoutingTable(Mode.NUMBERED, id);
    }

    /** Parses {@code off}, {@code auto}, {@code main} (any case) or a decimal table number. */
    public static RoutingTable parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> {
                return AUTO;
            }
            case "off" -> {
                return OFF;
            }
            case "main" -> {
                return MAIN;
            }
            default -> {
                if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("Table is off, auto, main or a table number 1-" + MAX_ID);
                }
                long id = Long.parseLong(text);
                if (id < 1 || id > MAX_ID) {
                    throw new IllegalArgumentException("a routing table number is 1-" + MAX_ID + ", not " + id);
                }
                return numbered(id);
            }
        }
    }

    /** The config-file form: {@code off}, {@code auto}, {@code main} or the number. */
    @Override
    public String toString() {
        return mode == Mode.NUMBERED ? Long.toString(id) : mode.name().toLowerCase(Locale.ROOT);
    }
}
