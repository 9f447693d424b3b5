package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warren export ZIP}: every stored config in one zip, readable only by its owner (it holds private keys). */
@Command(name = "export", description = {"Export every tunnel config into a zip file.",
        "The file is created with mode 0600: it holds private keys."})
final class ExportCommand extends ClientCommand {

    @Parameters(paramLabel = "ZIP", description = "The zip file to write.")
    Path zip;

    @Override
    int run(ManagerClient manager) throws IOException {
        byte[] bytes = ManagerClient.await(manager.exportZip());
        Path abs = zip.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), ".warren-export-", ".zip",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        out().println("Exported to " + abs + ".");
        out().flush();
        return 0;
    }
}
