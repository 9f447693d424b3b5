package dev.warren.app.cli;

import dev.warren.app.manager.ConfigText;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.ConfigError;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.WgQuickParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warren check FILE|DIR...}: validates tunnel configs. Each error goes to standard output as one
 * compiler-style line ({@code file:line:col: error: message}) so editors and CI logs can jump to it; the summary
 * and problems with the arguments go to standard error. Silent on success unless {@code --verbose}.
 */
@Command(name = "check",
        description = {
            "Check WireGuard config files, and every *.conf in directories.",
            "Prints every error as 'file:line:col: error: message' on standard output; nothing when all is well."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every file is a valid configuration",
            "1:at least one file has errors",
            "2:a FILE or DIR could not be read, or the command line is wrong"
        })
final class CheckCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int CONFIG_ERRORS = 1;
    static final int USAGE_OR_IO = 2;

    /** Far above any real config; a larger file is a mistake, and reading it whole would only waste memory. */
    static final int MAX_FILE_SIZE = 1 << 20;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "config files, or directories of *.conf files")
    List<Path> paths;

    @Option(names = {"-v", "--verbose"}, description = "also print 'FILE: ok' for each valid file")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean unreadable = false;
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> confs;
                try {
                    confs = configsIn(p);
                } catch (IOException e) {
                    err.println("warren check: " + p + ": cannot list the directory: " + reason(e));
                    unreadable = true;
                    continue;
                }
                if (confs.isEmpty()) {
                    err.println("warren check: " + p + ": no *.conf files in this directory");
                    unreadable = true;
                }
                files.addAll(confs);
            } else {
                files.add(p);
            }
        }
        int errorCount = 0;
        int badFiles = 0;
        int checked = 0;
        for (Path f : files) {
            byte[] content;
            try {
                content = read(f);
            } catch (IOException e) {
                err.println("warren check: " + f + ": " + reason(e));
                unreadable = true;
                continue;
            }
            checked++;
            // Warren's own directives are part of the file's validity: the manager refuses the file without them right.
            ParseResult result = KillSwitchSetting.check(f.toString(), ConfigText.decode(content),
                    WgQuickParser.parse(f.toString(), content));
            for (ConfigError e : result.errors()) {
                out.println(e.format());
            }
            if (!result.errors().isEmpty()) {
                errorCount += result.errors().size();
                badFiles++;
            } else if (verbose) {
                out.println(f + ": ok");
            }
        }
        out.flush();
        if (errorCount > 0) {
            err.println("warren check: " + plural(errorCount, "error") + " in " + badFiles + " of "
                    + plural(checked, "file"));
        }
        err.flush();
        return unreadable ? USAGE_OR_IO : errorCount > 0 ? CONFIG_ERRORS : OK;
    }

    private static List<Path> configsIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".conf") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static byte[] read(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            throw Files.exists(f) ? new IOException("not a regular file") : new NoSuchFileException(f.toString());
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] content = in.readNBytes(MAX_FILE_SIZE + 1);
            if (content.length > MAX_FILE_SIZE) {
                throw new IOException("larger than " + (MAX_FILE_SIZE >> 20) + " MiB; not a WireGuard configuration");
            }
            return content;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
