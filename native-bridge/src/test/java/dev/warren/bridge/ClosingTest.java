package dev.warren.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosingTest {

    private final List<String> closed = new ArrayList<>();

    private Closeable ok(String name) {
        return () -> closed.add(name);
    }

    private Closeable failing(String name, IOException e) {
        return () -> {
            closed.add(name);
            throw e;
        };
    }

    @Test
    void closesEveryResourceInOrderSkippingNulls() throws IOException {
        Closing.all(ok("a"), null, ok("b"));
        assertEquals(List.of("a", "b"), closed);
    }

    @Test
    void aFailureDoesNotStopTheRestAndTheFirstIsThrownWithLaterOnesSuppressed() {
        IOException first = new IOException("first");
        IOException second = new IOException("second");
        IOException thrown = assertThrows(IOException.class,
                () -> Closing.all(failing("a", first), ok("b"), failing("c", second)));
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
        assertEquals(List.of("a", "b", "c"), closed);
    }

    @Test
    void afterFailureKeepsTheSetupErrorAndRecordsTheCleanupOne() {
        IllegalStateException setup = new IllegalStateException("setup");
        IOException cleanup = new IOException("cleanup");
        Closing.afterFailure(setup, failing("partial", cleanup));
        Closing.afterFailure(setup, ok("other"));
        assertEquals(List.of("partial", "other"), closed);
        assertArrayEquals(new Throwable[] {cleanup}, setup.getSuppressed());
    }
}
