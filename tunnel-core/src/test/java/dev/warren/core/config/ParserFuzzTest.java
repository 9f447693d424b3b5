package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds the parser 100,000 configs mutated from the corpus (byte and bit flips, deleted, duplicated and swapped
 * lines, inserted syntax characters and random Unicode, truncation). Every input must give a config or config
 * errors — never another exception — and then: a config must survive a write/parse round trip, and errors must
 * never repeat any part of a secret key of the file they came from.
 */
class ParserFuzzTest {

    private static final int CASES = 100_000;
    private static final long SEED = Long.getLong("warren.fuzz.seed", 0x5EEDL);
    private static final Pattern SECRET = Pattern.compile("(?i)(?:PrivateKey|PresharedKey)\\s*=\\s*([A-Za-z0-9+/]{43}=)");
    /** Any run of this many characters from a secret in a message counts as a leak. */
    private static final int LEAK_LENGTH = 12;
    private static final String SYNTAX = "[]=#,/:%.\r\n\t \u0000\uFEFF";

    private record Seed(byte[] bytes, List<String> secrets) {
    }

    @Test
    // A hang guard only: the run normally takes a few seconds. SEPARATE_THREAD, because a timeout in the test's own
    // thread is only noticed when the method returns, and a parser stuck in a loop never returns.
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void mutatedConfigsGiveAConfigOrErrorsNeverAnException() {
        List<Seed> seeds = new ArrayList<>();
        for (String dir : List.of("valid", "invalid")) {
            for (Path p : ConfigCorpus.files(dir)) {
                byte[] bytes = ConfigCorpus.read(p);
                seeds.add(new Seed(bytes, secretsOf(ConfigTextDecoder.decode(bytes).text())));
            }
        }
        Random random = new Random(SEED);
        int valid = 0;
        for (int i = 0; i < CASES; i++) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            byte[] input = seed.bytes();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input = mutate(input, random);
            }
            ParseResult result;
            try {
                result = WgQuickParser.parse("fuzz.conf", input);
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " (seed " + SEED + ") threw on input:\n"
                        + new String(input, StandardCharsets.UTF_8), e);
            }
            switch (result) {
                case ParseResult.Valid v -> {
                    valid++;
                    roundTrips(v.config(), i);
                }
                case ParseResult.Invalid inv -> noSecretIn(inv.errors(), seed.secrets(), i, input);
            }
        }
        // Mutations must leave a fair share valid, or the round-trip half of this test would test nothing.
        assertFalse(valid < CASES / 20, "only " + valid + " mutated configs were valid");
    }

    private static void roundTrips(TunnelConfig c, int caseNo) {
        String written = WgQuickWriter.write(c);
        ParseResult again = WgQuickParser.parse("again.conf", written);
        assertEquals(c, assertInstanceOf(ParseResult.Valid.class, again,
                () -> "case " + caseNo + ": written config does not parse: " + again.errors()).config());
        ParseResult canonical = WgQuickParser.parse("canonical.conf", WgQuickWriter.write(c.withoutLayout()));
        assertEquals(c, assertInstanceOf(ParseResult.Valid.class, canonical).config());
    }

    private static void noSecretIn(List<ConfigError> errors, List<String> secrets, int caseNo, byte[] input) {
        for (ConfigError e : errors) {
            String text = e.format();
            for (String secret : secrets) {
                for (int i = 0; i + LEAK_LENGTH <= secret.length(); i++) {
                    if (text.contains(secret.substring(i, i + LEAK_LENGTH))) {
                        fail("case " + caseNo + ": error repeats part of a secret key: " + text + "\ninput:\n"
                                + new String(input, StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    static List<String> secretsOf(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SECRET.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static byte[] mutate(byte[] in, Random r) {
        if (in.length == 0) {
            return randomUnicode(r).getBytes(StandardCharsets.UTF_8);
        }
        int pos = r.nextInt(in.length);
        return switch (r.nextInt(8)) {
            case 0 -> {
                byte[] out = in.clone();
                out[pos] = (byte) r.nextInt(256);
                yield out;
            }
            case 1 -> {
                byte[] out = in.clone();
                out[pos] ^= (byte) (1 << r.nextInt(8));
                yield out;
            }
            case 2 -> java.util.Arrays.copyOf(in, pos);
            case 3 -> insert(in, pos, String.valueOf(SYNTAX.charAt(r.nextInt(SYNTAX.length())))
                    .getBytes(StandardCharsets.UTF_8));
            case 4 -> insert(in, pos, randomUnicode(r).getBytes(StandardCharsets.UTF_8));
            default -> lineMutation(in, r);
        };
    }

    /** Line edits work on the UTF-8 view, which for UTF-16 seeds also exercises their decoding failures. */
    private static byte[] lineMutation(byte[] in, Random r) {
        List<String> lines = new ArrayList<>(List.of(new String(in, StandardCharsets.UTF_8).split("\n", -1)));
        int a = r.nextInt(lines.size());
        int b = r.nextInt(lines.size());
        switch (r.nextInt(3)) {
            case 0 -> lines.remove(a);
            case 1 -> lines.add(b, lines.get(a));
            default -> {
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static String randomUnicode(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = r.nextInt(0x30000);
            } while (cp >= 0xD800 && cp <= 0xDFFF);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static byte[] insert(byte[] in, int pos, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + what.length);
        out.write(in, 0, pos);
        out.write(what, 0, what.length);
        out.write(in, pos, in.length - pos);
        return out.toByteArray();
    }
}
