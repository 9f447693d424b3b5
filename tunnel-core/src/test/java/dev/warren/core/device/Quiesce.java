package dev.warren.core.device;

import dev.warren.core.testing.DevicePair;
import java.time.Duration;

/**
 * Lets the devices of a {@link DevicePair} finish what the last step of the fake clock started (packets in
 * queues, crypto workers, sequential stages) before time moves on, so timer tests see the same order of events
 * as real time would give.
 */
final class Quiesce {

    private Quiesce() {
    }

    /** Waits until both devices and the network have been idle for a while. */
    static void settle(DevicePair pair) {
        int stable = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stable < 4) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("devices never became idle");
            }
            boolean idle = idle(pair.a) && idle(pair.b) && pair.network.drained()
                    && pair.tunA.drained() && pair.tunB.drained();
            stable = idle ? stable + 1 : 0;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The TUN and UDP readers each hold one buffer while they wait; any more, beyond staged packets, is work. */
    private static boolean idle(Device d) {
        int staged = d.peers.values().stream().mapToInt(p -> p.staged.size()).sum();
        return d.pool.inUse() - staged <= 2 && d.handshakeQueue.isEmpty() && d.encryptQueue.isEmpty()
                && d.decryptQueue.isEmpty();
    }

    /** Advances the clock in steps of {@code step}, settling after each. */
    static void advance(DevicePair pair, Duration total, Duration step) {
        long remaining = total.toNanos();
        while (remaining > 0) {
            long s = Math.min(step.toNanos(), remaining);
            pair.clock.advance(Duration.ofNanos(s));
            remaining -= s;
            settle(pair);
        }
    }
}
