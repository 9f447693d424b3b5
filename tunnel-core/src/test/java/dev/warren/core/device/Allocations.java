package dev.warren.core.device;

import java.lang.management.ManagementFactory;

/**
 * Counts the heap bytes the current thread allocates while running an action many times, so hot-path tests can
 * check "allocates nothing" without timing anything.
 */
final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** Bytes allocated by {@code times} runs of {@code action}, after as many warm-up runs. */
    static long perRuns(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
        long id = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(id);
        for (int i = 0; i < times; i++) {
            action.run();
        }
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}
