package dev.warren.bridge.linux.nft;

import dev.warren.bridge.killswitch.KillSwitchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code nft} command line tool, run with a whole transaction on its standard input ({@code nft -f -}) so
 * that nftables applies it atomically.
 *
 * @param command the program and any arguments before nft's own (e.g. {@code ip netns exec <ns> nft} in tests)
 */
public record NftCommand(List<String> command) {

    private static final long TIMEOUT_SECONDS = 30;

    public NftCommand {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the nft command is missing");
        }
        command = List.copyOf(command);
    }

    /**
     * {@code nft} from the {@code PATH}, or from {@code /usr/sbin} and {@code /sbin}, which a service's
     * {@code PATH} may lack.
     */
    public static NftCommand system() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "nft");
            if (Files.isExecutable(p)) {
                return new NftCommand(List.of(p.toString()));
            }
        }
        return new NftCommand(List.of("nft"));
    }

    /**
     * Runs one transaction.
     *
     * @param what what the transaction does, for the error message
     * @throws KillSwitchException when nft is missing or refuses the transaction (with its message)
     */
    public void apply(String what, String transaction) throws KillSwitchException {
        run(what, transaction, "-f", "-");
    }

    /** Runs nft with {@code args} and returns its standard output. */
    public String query(String what, String... args) throws KillSwitchException {
        return run(what, "", args);
    }

    private String run(String what, String stdin, String... args) throws KillSwitchException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(full).start();
        } catch (IOException e) {
            throw new KillSwitchException(what + " failed: the kill-switch needs nftables' nft command (Debian and "
                    + "Ubuntu package nftables), which could not be run: " + e.getMessage(), e);
        }
        try {
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KillSwitchException(what + " failed: nft did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String error = new String(err.join(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new KillSwitchException(what + " failed: nft exited with " + p.exitValue()
                        + (error.isEmpty() ? "" : ": " + error));
            }
            return new String(out.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new KillSwitchException(what + " failed: talking to nft: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KillSwitchException(what + " was interrupted", e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                return s.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, Thread::startVirtualThread);
    }
}
