package dev.warren.app.ui.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrafficHistoryTest {

    private static final long S = 1_000_000_000L;

    @Test
    void ratesAreBytesPerSecondBetweenSamples() {
        TrafficHistory h = new TrafficHistory(4);
        h.sample(0, 1000, 500);
        h.sample(2 * S, 5000, 700);
        assertEquals(1, h.size());
        assertEquals(2000.0, h.rx(0));
        assertEquals(100.0, h.tx(0));
    }

    @Test
    void oldestSamplesFallOffAtCapacity() {
        TrafficHistory h = new TrafficHistory(3);
        for (int i = 0; i <= 5; i++) {
            h.sample(i * S, i * i * 100L, 0);
        }
        assertEquals(3, h.size());
        assertEquals(500.0, h.rx(0));
        assertEquals(900.0, h.rx(2));
        assertEquals(900.0, h.peak());
    }

    @Test
    void aGapInTheReadsStartsTheHistoryOverInsteadOfDrawingOneAveragedSecond() {
        TrafficHistory h = new TrafficHistory(10);
        h.sample(0, 0, 0);
        h.sample(S, 1000, 1000);
        h.sample(2 * S, 2000, 2000);
        assertEquals(2, h.size());
        // Hidden for a minute, during which 600 kB went by: not a one-second spike of 10 kB/s.
        h.sample(62 * S, 602_000, 2000);
        assertEquals(0, h.size());
        h.sample(63 * S, 603_000, 2500);
        assertEquals(1, h.size());
        assertEquals(1000.0, h.rx(0));
        assertEquals(500.0, h.tx(0));
    }

    @Test
    void aCounterResetStartsANewBaselineInsteadOfANegativeRate() {
        TrafficHistory h = new TrafficHistory(3);
        h.sample(0, 10_000, 10_000);
        h.sample(S, 100, 100);
        h.sample(2 * S, 300, 150);
        assertEquals(1, h.size());
        assertEquals(200.0, h.rx(0));
        assertEquals(50.0, h.tx(0));
    }

    @Test
    void theScaleIsARoundNumberAboveThePeak() {
        assertEquals(1024.0, TrafficGraph.scale(0));
        assertEquals(2048.0, TrafficGraph.scale(1500));
        assertEquals(5120.0, TrafficGraph.scale(2049));
        assertEquals(10240.0, TrafficGraph.scale(6000));
    }
}
