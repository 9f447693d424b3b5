package dev.warren.bridge.linux;

import java.lang.management.ManagementFactory;

/** Bytes the current thread has allocated on the heap so far (HotSpot's per-thread counter). */
final class AllocationCounter {

    private AllocationCounter() {
    }

    static long currentThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
