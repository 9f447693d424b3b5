package dev.warren.app.ui.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElapsedTest {

    @Test
    void minutesAndSeconds() {
        assertEquals("2 minutes, 5 seconds ago", Elapsed.ago(Duration.ofSeconds(125)));
    }

    @Test
    void singularUnitsAndSkippedZeros() {
        assertEquals("1 day, 1 second ago", Elapsed.ago(Duration.ofSeconds(86_401)));
        assertEquals("1 hour ago", Elapsed.ago(Duration.ofHours(1)));
        assertEquals("1 minute, 1 second ago", Elapsed.ago(Duration.ofSeconds(61)));
    }

    @Test
    void underOneSecondIsJustNow() {
        assertEquals("just now", Elapsed.ago(Duration.ofMillis(999)));
    }

    @Test
    void aClockGoingBackwardsIsSaidPlainly() {
        assertEquals("in the future (the system clock went backwards)", Elapsed.ago(Duration.ofSeconds(-3)));
    }
}
