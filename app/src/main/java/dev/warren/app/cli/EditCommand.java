package dev.warren.app.cli;

import dev.warren.app.ipc.ErrorCode;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.RpcException;
import dev.warren.app.ipc.StoredConfig;
import dev.warren.app.manager.ConfigText;
import dev.warren.core.config.ConfigError;
import dev.warren.core.config.WgQuickParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code warren edit NAME}: opens the config in {@code $VISUAL}/{@code $EDITOR}, checks it with the same parser
 * the manager uses, and saves it only when valid; on errors it shows them and offers to edit again, so nothing
 * typed is lost.
 */
@Command(name = "edit", description = {"Edit a tunnel's config in $VISUAL or $EDITOR (default vi).",
        "The config is checked before it is saved; on errors you can edit again."})
final class EditCommand extends ClientCommand {

    @Parameters(paramLabel = "NAME", description = "The tunnel to edit.")
    String name;

    private final BufferedReader answers = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    int run(ManagerClient manager) throws IOException, InterruptedException {
        StoredConfig stored = ManagerClient.await(manager.getConfig(name));
        if (stored.redacted()) {
            err().println("warren edit: editing '" + name + "' needs the admin role: your view of it has its keys "
                    + "removed, and saving that would destroy them.");
            return 1;
        }
        Path dir = Files.createTempDirectory("warren-edit-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve(name + ".conf");
        try {
            Files.writeString(file, stored.text(), StandardCharsets.UTF_8);
            while (true) {
                int status = openEditor(file);
                if (status != 0) {
                    err().println("warren edit: the editor exited with status " + status + "; nothing was saved.");
                    return 1;
                }
                String text = ConfigText.decode(Files.readAllBytes(file));
                if (text.equals(stored.text())) {
                    out().println("No changes.");
                    out().flush();
                    return 0;
                }
                List<ConfigError> errors = WgQuickParser.parse(name + ".conf", Files.readAllBytes(file)).errors();
                if (errors.isEmpty()) {
                    try {
                        ManagerClient.await(manager.updateTunnel(name, null, text));
                        out().println("Saved " + name + ".");
                        out().flush();
                        return 0;
                    } catch (RpcException e) {
                        if (e.code() != ErrorCode.INVALID_CONFIG) {
                            throw e;
                        }
                        reportError(e);
                    }
                } else {
                    err().println("warren edit: the config has " + errors.size() + " error(s):");
                    errors.forEach(e -> err().println("  " + e.format()));
                }
                if (!askAgain()) {
                    err().println("warren edit: nothing was saved.");
                    return 1;
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private int openEditor(Path file) throws IOException, InterruptedException {
        String editor = firstSet(System.getenv("VISUAL"), System.getenv("EDITOR"), "vi");
        // Through the shell, so that EDITOR="code --wait" works as it does for git.
        return new ProcessBuilder("/bin/sh", "-c", editor + " \"$1\"", "sh", file.toString())
                .inheritIO().start().waitFor();
    }

    private boolean askAgain() throws IOException {
        err().print("Edit again? [Y/n] ");
        err().flush();
        String answer = answers.readLine();
        return answer != null && !answer.strip().toLowerCase(Locale.ROOT).startsWith("n");
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
