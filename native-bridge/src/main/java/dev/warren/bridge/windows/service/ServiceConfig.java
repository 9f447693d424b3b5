package dev.warren.bridge.windows.service;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@link WindowsServiceInstaller} registers: an own-process, auto-start service running as LocalSystem.
 *
 * @param name the service key name, e.g. {@code WarrenManager}
 * @param executable absolute Windows path of the program the SCM starts, e.g. {@code C:\Program Files\Warren\Warren.exe}
 *     (a string, not a {@code Path}, so that it is validated by Windows rules on any host)
 * @param arguments the arguments after it, e.g. {@code manager --service}
 * @param dependencies services that must run first ({@code Nsi}, {@code TcpIp})
 */
public record ServiceConfig(String name, String displayName, String description, String executable,
        List<String> arguments, List<String> dependencies) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,256}");
    private static final Pattern ABSOLUTE_WINDOWS_PATH = Pattern.compile("[A-Za-z]:\\\\[^\"<>|?*]+");
    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_\\-.:=/\\\\]+");

    public ServiceConfig {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("service name '" + name + "' must be 1-256 letters, digits or _");
        }
        if (!ABSOLUTE_WINDOWS_PATH.matcher(executable).matches()) {
            throw new IllegalArgumentException("service executable must be an absolute Windows path such as "
                    + "C:\\Program Files\\Warren\\Warren.exe (no quotes), not " + executable);
        }
        for (String a : arguments) {
            if (!PLAIN_ARGUMENT.matcher(a).matches()) {
                throw new IllegalArgumentException("service argument '" + a
                        + "' must be letters, digits and - _ . : = / \\ only (no spaces or quotes)");
            }
        }
        arguments = List.copyOf(arguments);
        dependencies = List.copyOf(dependencies);
    }

    /**
     * The command line the SCM runs: the executable always in quotes. Unquoted, a path with spaces such as
     * {@code C:\Program Files\Warren\Warren.exe} would let a {@code C:\Program.exe} run as LocalSystem.
     */
    public String binaryPathName() {
        StringBuilder b = new StringBuilder("\"").append(executable).append('"');
        for (String a : arguments) {
            b.append(' ').append(a);
        }
        return b.toString();
    }
}
