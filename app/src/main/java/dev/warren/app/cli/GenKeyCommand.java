package dev.warren.app.cli;

import dev.warren.core.config.Key;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code warren genkey}: prints a new private key, like {@code wg genkey}. */
@Command(name = "genkey", description = "Print a new random private key in base64 (like `wg genkey`).")
final class GenKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Key.generatePrivate().toBase64());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
