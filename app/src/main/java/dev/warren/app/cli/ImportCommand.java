package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.RpcException;
import dev.warren.app.manager.ConfigText;
import dev.warren.app.manager.TunnelArchive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warren import FILE|ZIP...}: stores each config, reporting every file as imported or failed with why. */
@Command(name = "import", description = {"Import tunnel configs: NAME.conf files, and zip archives of them.",
        "Each file is reported as imported or failed (with the reason); the tunnel is named after the file."})
final class ImportCommand extends ClientCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "A .conf file or a .zip of .conf files.")
    List<Path> files;

    private int imported;
    private int attempted;

    @Override
    int run(ManagerClient manager) {
        for (Path f : files) {
            try {
                if (isZip(f)) {
                    importZip(manager, f);
                } else {
                    importFile(manager, f);
                }
            } catch (IOException e) {
                attempted++;
                failed(f.toString(), e.getMessage() == null ? e.toString() : e.getMessage(), List.of());
            }
        }
        out().println("Imported " + imported + " of " + attempted + ".");
        out().flush();
        return imported == attempted ? 0 : 1;
    }

    private static boolean isZip(Path f) throws IOException {
        if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(f)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private void importZip(ManagerClient manager, Path zip) throws IOException {
        List<TunnelArchive.Entry> entries;
        try (InputStream in = Files.newInputStream(zip)) {
            entries = TunnelArchive.read(in);
        }
        if (entries.isEmpty()) {
            attempted++;
            failed(zip.toString(), "the archive has no .conf files", List.of());
        }
        for (TunnelArchive.Entry e : entries) {
            String source = zip + ":" + e.entry();
            if (e.error() != null) {
                attempted++;
                failed(source, e.error(), List.of());
            } else {
                create(manager, source, e.name(), e.text());
            }
        }
    }

    private void importFile(ManagerClient manager, Path f) throws IOException {
        String fileName = f.getFileName().toString();
        if (!fileName.endsWith(".conf") || fileName.length() == 5) {
            attempted++;
            failed(f.toString(), "a tunnel file is named NAME.conf (the name becomes the tunnel's name)", List.of());
            return;
        }
        if (Files.size(f) > TunnelArchive.MAX_ENTRY_BYTES) {
            attempted++;
            failed(f.toString(), "larger than " + TunnelArchive.MAX_ENTRY_BYTES / 1024 + " KiB, which no tunnel config is",
                    List.of());
            return;
        }
        create(manager, f.toString(), fileName.substring(0, fileName.length() - 5),
                ConfigText.decode(Files.readAllBytes(f)));
    }

    private void create(ManagerClient manager, String source, String name, String text) {
        attempted++;
        try {
            ManagerClient.await(manager.createTunnel(name, text));
            imported++;
            out().println("imported " + name + " (from " + source + ")");
        } catch (RpcException e) {
            // Only this file failed; a lost connection (ManagerUnavailableException) ends the whole import.
            failed(source, e.getMessage(), e.details());
        }
    }

    private void failed(String source, String reason, List<String> details) {
        out().println("failed   " + source + ": " + reason);
        details.forEach(d -> out().println("    " + d));
    }
}
