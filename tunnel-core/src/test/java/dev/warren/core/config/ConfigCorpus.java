package dev.warren.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The config files under {@code src/test/resources/configs}: valid ones, and invalid ones with expectations. */
final class ConfigCorpus {

    private ConfigCorpus() {
    }

    static Path dir(String name) {
        try {
            return Path.of(ConfigCorpus.class.getResource("/configs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code *.conf} in {@code configs/name}, sorted. */
    static List<Path> files(String name) {
        try (Stream<Path> s = Files.list(dir(name))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
