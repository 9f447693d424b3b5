package dev.warren.core.config;

import java.util.Locale;
import java.util.Set;

/**
 * The name of a tunnel: its file name without {@code .conf}, and on Linux also its interface name.
 *
 * <p>The character set is wg-quick's; DOS device names are refused because Windows cannot create a file called
 * {@code CON.conf} (nor {@code con.anything.conf}); {@code .} and {@code ..} are refused because they are not
 * usable as file or interface names. Whether the name is short enough for a Linux interface is a separate
 * question ({@link #requireInterfaceName()}), since a stored tunnel may be longer than an interface can be.
 *
 * @param value 1-32 characters of {@code a-z A-Z 0-9 _ = + . -}
 */
public record TunnelName(String value) {

    public static final int MAX_LENGTH = 32;

    /** IFNAMSIZ (16) minus the terminating NUL. */
    public static final int MAX_INTERFACE_LENGTH = 15;

    private static final Set<String> DOS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private static final String SUFFIX = ".conf";

    public TunnelName {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The tunnel name of a config file: {@code wg0.conf} is {@code wg0}. */
    public static TunnelName fromFileName(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length()) {
            throw new IllegalArgumentException("a tunnel file is named NAME.conf");
        }
        return new TunnelName(fileName.substring(0, fileName.length() - SUFFIX.length()));
    }

    /**
     * Why {@code name} cannot be a tunnel name, or {@code null} when it can; lets an editor explain as the user
     * types without catching exceptions.
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a tunnel name is missing";
        }
        if (name.length() > MAX_LENGTH) {
            return "a tunnel name has at most " + MAX_LENGTH + " characters, this has " + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_=+.-".indexOf(c) >= 0)) {
                return "a tunnel name has only the characters a-z, A-Z, 0-9, '_', '=', '+', '.' and '-'";
            }
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not usable as a tunnel name";
        }
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT);
        if (DOS_DEVICES.contains(base)) {
            return "'" + name + "' is reserved on Windows (device name " + base + ")";
        }
        return null;
    }

    /** True if this name can also be a Linux network interface name (at most 15 characters). */
    public boolean fitsInterfaceName() {
        return value.length() <= MAX_INTERFACE_LENGTH;
    }

    /**
     * This name as a Linux interface name.
     *
     * @throws IllegalArgumentException when it is longer than 15 characters
     */
    public String requireInterfaceName() {
        if (!fitsInterfaceName()) {
            throw new IllegalArgumentException("'" + value + "' has " + value.length()
                    + " characters; as a Linux interface name it may have at most " + MAX_INTERFACE_LENGTH);
        }
        return value;
    }

    /** The file name this tunnel is stored under. */
    public String fileName() {
        return value + SUFFIX;
    }

    @Override
    public String toString() {
        return value;
    }
}
