package dev.warren.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {

    private static final String PRIV = Key.generatePrivate().toBase64();
    private static final String PUB = Key.generatePrivate().publicKey().toBase64();

    private static final String GOOD = "[Interface]\nPrivateKey = " + PRIV + "\nAddress = 10.0.0.2/24\n\n[Peer]\nPublicKey = "
            + PUB + "\nAllowedIPs = 0.0.0.0/0\nEndpoint = 192.0.2.1:51820\n";

    private record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = WarrenCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void directoryOfGoodAndBadConfigsGivesOneCompilerLinePerError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.conf"), GOOD);
        Files.writeString(dir.resolve("bad.conf"), GOOD.replace("Address = 10.0.0.2/24", "Address = 10.0.0.2/33\nMTU = 9")
                .replace("PublicKey", "PublicKye"));
        Files.write(dir.resolve("utf16.conf"), ("\uFEFF" + GOOD.replace("Endpoint = 192.0.2.1:51820", "Endpoint = 192.0.2.1"))
                .getBytes(StandardCharsets.UTF_16LE));
        Files.writeString(dir.resolve("notes.txt"), "not a config, and not checked");

        Run r = check(dir.toString());

        String bad = dir.resolve("bad.conf").toString();
        String utf16 = dir.resolve("utf16.conf").toString();
        assertEquals(List.of(
                bad + ":3:20: error: Address: the prefix length after '/' in '10.0.0.2/33' is a number 0-32, not '33'",
                bad + ":4:7: error: MTU is 576-65535 (or auto), not '9'",
                bad + ":7:1: error: unknown key 'PublicKye' in [Peer]; did you mean 'PublicKey'?",
                utf16 + ":8:12: error: Endpoint: a port is missing; write host:port"), r.outLines());
        assertEquals(CheckCommand.CONFIG_ERRORS, r.exit());
        assertEquals("warren check: 4 errors in 2 of 3 files", r.err().strip());
    }

    @Test
    void aWarrenDirectiveThatCannotBeReadIsAnError(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("wg0.conf");
        Files.writeString(conf, GOOD.replace("[Interface]\n", "[Interface]\n# Warren: AllowLocalNetwork = sometimes\n"));
        Run r = check(conf.toString());
        assertEquals(List.of(conf + ":2:1: error: '# Warren: AllowLocalNetwork' is true or false, not 'sometimes'"),
                r.outLines());
        assertEquals(CheckCommand.CONFIG_ERRORS, r.exit());
    }

    @Test
    void validFilesPrintNothingUnlessVerbose(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("wg0.conf");
        Files.writeString(good, GOOD);

        Run quiet = check(good.toString());
        assertEquals(CheckCommand.OK, quiet.exit());
        assertEquals("", quiet.out());
        assertEquals("", quiet.err());

        Run verbose = check("--verbose", good.toString());
        assertEquals(CheckCommand.OK, verbose.exit());
        assertEquals(List.of(good + ": ok"), verbose.outLines());
    }

    @Test
    void missingFileIsAnIoErrorButTheOthersAreStillChecked(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "[Interface]\n");
        Path missing = dir.resolve("missing.conf");

        Run r = check(missing.toString(), bad.toString());

        assertEquals(CheckCommand.USAGE_OR_IO, r.exit());
        assertEquals(List.of(bad + ":1:1: error: [Interface] has no PrivateKey; every tunnel needs one "
                + "(generate it with `warren genkey`)"), r.outLines());
        assertTrue(r.err().contains("warren check: " + missing + ": no such file or directory"), r.err());
    }

    @Test
    void directoryWithoutConfigsIsAUsageError(@TempDir Path dir) {
        Run r = check(dir.toString());
        assertEquals(CheckCommand.USAGE_OR_IO, r.exit());
        assertEquals("warren check: " + dir + ": no *.conf files in this directory", r.err().strip());
    }

    @Test
    void noArgumentsIsAUsageError() {
        Run r = check();
        assertEquals(CheckCommand.USAGE_OR_IO, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'FILE|DIR'"), r.err());
    }

    @Test
    void oversizedFileIsRefusedWithoutReadingItAll(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.conf");
        Files.write(huge, new byte[CheckCommand.MAX_FILE_SIZE + 1]);
        Run r = check(huge.toString());
        assertEquals(CheckCommand.USAGE_OR_IO, r.exit());
        assertTrue(r.err().contains("larger than 1 MiB"), r.err());
    }

    @Test
    void privateKeysNeverAppearInTheOutput(@TempDir Path dir) throws IOException {
        String broken = PRIV.substring(0, 30) + "*" + PRIV.substring(31);
        Path f = dir.resolve("leak.conf");
        Files.writeString(f, "[Interface]\nPrivateKey = " + broken + "\nPrivateKey = " + PRIV + "\n" + PRIV + "\n");
        Run r = check(f.toString());
        assertEquals(CheckCommand.CONFIG_ERRORS, r.exit());
        assertEquals(3, r.outLines().size(), r.out());
        for (String secret : List.of(PRIV, broken)) {
            for (int i = 0; i + 12 <= secret.length(); i++) {
                assertTrue(!r.out().contains(secret.substring(i, i + 12)) && !r.err().contains(secret.substring(i, i + 12)),
                        r.out());
            }
        }
    }
}
