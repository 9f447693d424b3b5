package dev.warren.app.cli;

import dev.warren.core.config.Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code warren pubkey}: reads a private key on stdin and prints its public key, like {@code wg pubkey}. */
@Command(name = "pubkey", description = {"Print the public key of a private key read from standard input.",
        "Like `wg pubkey`: the key is one line of base64, and so is the answer."})
final class PubKeyCommand implements Callable<Integer> {

    /** Longer input cannot be a key; reading is bounded so a pipe of garbage cannot exhaust memory. */
    private static final int MAX_INPUT = 1024;

    @Spec
    CommandSpec spec;

    private final InputStream in;

    PubKeyCommand() {
        this(System.in);
    }

    PubKeyCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        String text = new String(in.readNBytes(MAX_INPUT), StandardCharsets.US_ASCII).strip();
        Key priv;
        try {
            priv = Key.fromBase64(Key.Kind.PRIVATE, text);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("warren pubkey: key is not the correct length or format: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(priv.publicKey().toBase64());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
