package dev.warren.app.ui.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersInsideNamesSortByValue() {
        List<String> names = new ArrayList<>(List.of("wg10", "wg2", "Office", "wg1", "home-100", "home-20", "wg02"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("home-20", "home-100", "Office", "wg1", "wg2", "wg02", "wg10"), names);
    }

    @Test
    void caseIsIgnoredButDistinctNamesNeverTie() {
        List<String> names = new ArrayList<>(List.of("beta", "Alpha", "alpha"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("Alpha", "alpha", "beta"), names);
        assertNotEquals(0, NaturalOrder.INSTANCE.compare("Alpha", "alpha"));
    }

    @Test
    void digitRunsLongerThanALongStillCompare() {
        assertEquals(-1, Integer.signum(NaturalOrder.INSTANCE.compare("x99999999999999999999", "x100000000000000000000")));
    }
}
