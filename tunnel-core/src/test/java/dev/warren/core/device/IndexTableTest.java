package dev.warren.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IndexTableTest {

    @Test
    void registerLookupReplaceRemove() {
        IndexTable<String> t = new IndexTable<>();
        int a = t.register("a");
        int b = t.register("b");
        assertNotEquals(a, b);
        assertEquals("a", t.lookup(a));
        assertEquals("b", t.lookup(b));
        assertEquals(2, t.size());
        assertTrue(t.replace(a, "a2"));
        assertEquals("a2", t.lookup(a));
        assertTrue(t.remove(a));
        assertFalse(t.remove(a));
        assertFalse(t.replace(a, "again"), "replace never registers");
        assertNull(t.lookup(a));
        assertEquals(1, t.size());
    }

    @Test
    void aCandidateInUseIsDrawnAgain() {
        PrimitiveIterator.OfInt draws = IntStream.of(5, 5, 5, 0, 5, -7).iterator();
        IndexTable<String> t = new IndexTable<>(draws::nextInt);
        assertEquals(5, t.register("first"));
        assertEquals(0, t.register("second"), "5 is taken, twice");
        assertEquals(-7, t.register("third"), "5 is still taken");
        assertEquals("first", t.lookup(5));
        assertEquals("second", t.lookup(0));
        assertEquals("third", t.lookup(-7));
        assertNull(t.lookup(6));
    }

    @Test
    void matchesAMapModelUnderHeavyProbeCollisions() {
        long seed = Long.getLong("warren.seed", 32L); // fixed; -Dwarren.seed=N explores others
        Random rnd = new Random(seed);
        // Candidates from a narrow range force repeated draws and long probe runs, so deletion shifting is exercised.
        IndexTable<Integer> t = new IndexTable<>(() -> rnd.nextInt(3000) - 1000);
        Map<Integer, Integer> model = new HashMap<>();
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            int op = rnd.nextInt(10);
            // Phases of growth and of shrinking, so the table is rehashed both ways under the model's eye.
            boolean growing = (i / 20_000) % 2 == 0;
            if (op < (growing ? 5 : 2) && model.size() < 1500) {
                int index = t.register(i);
                assertNull(model.put(index, i), "seed " + seed + "L: index " + index + " handed out twice");
                live.add(index);
            } else if (op < 7 && !live.isEmpty()) {
                int index = live.remove(rnd.nextInt(live.size()));
                assertTrue(t.remove(index), "seed " + seed + "L: remove " + index);
                model.remove(index);
            } else if (op < 8 && !live.isEmpty()) {
                int index = live.get(rnd.nextInt(live.size()));
                assertTrue(t.replace(index, -i));
                model.put(index, -i);
            } else {
                int index = rnd.nextInt(3100) - 1050;
                assertEquals(model.get(index), t.lookup(index), "seed " + seed + "L: lookup " + index);
            }
            assertEquals(model.size(), t.size());
        }
        model.forEach((k, v) -> assertEquals(v, t.lookup(k)));
    }

    @Test
    void lookupAllocatesNothing() {
        IndexTable<String> t = new IndexTable<>();
        int[] indices = new int[500];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = t.register("v" + i);
        }
        int[] n = new int[2];
        long bytes = Allocations.perRuns(200_000, () -> {
            int i = n[0]++ % indices.length;
            n[1] += t.lookup(indices[i]) == null ? 0 : 1;
            n[1] += t.lookup(indices[i] ^ 0x5a5a5a5a) == null ? 0 : 1;
        });
        assertTrue(bytes < 4096, bytes + " bytes allocated by 400,000 lookups");
    }

    @Test
    void secureRandomIndicesSpreadOverAllBits() {
        IndexTable<Integer> t = new IndexTable<>();
        Set<Integer> seen = new HashSet<>();
        int or = 0;
        int and = -1;
        for (int i = 0; i < 5000; i++) {
            int index = t.register(i);
            assertTrue(seen.add(index));
            or |= index;
            and &= index;
        }
        assertEquals(-1, or, "every bit is set in some index");
        assertEquals(0, and, "every bit is clear in some index");
        assertEquals(5000, t.size());
    }

    @Test
    void concurrentRegisterRemoveAndLookup() throws Exception {
        IndexTable<String> t = new IndexTable<>();
        int stable = t.register("stable");
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            String me = "writer" + w;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 30_000; i++) {
                    String value = me + ":" + i;
                    int index = t.register(value);
                    if (!value.equals(t.lookup(index))) {
                        failures.add("own index " + index + " gave " + t.lookup(index));
                    }
                    if (i % 10 == 0) {
                        continue; // kept, so the table grows while the reader runs
                    }
                    t.remove(index);
                    String after = t.lookup(index);
                    if (after != null && after.startsWith(me)) {
                        failures.add("removed index " + index + " still gave " + after);
                    }
                }
            }));
        }
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                if (!"stable".equals(t.lookup(stable))) {
                    failures.add("stable index lost during resize or shifting");
                }
            }
        });
        for (Thread th : threads) {
            th.join();
        }
        stop.set(true);
        reader.join();
        assertEquals(List.of(), List.copyOf(failures));
        assertEquals(1 + 2 * 3000, t.size());
    }
}
