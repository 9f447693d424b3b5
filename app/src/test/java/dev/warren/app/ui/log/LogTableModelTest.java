package dev.warren.app.ui.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class LogTableModelTest {

    private static LogRow row(int i, String source) {
        return new LogRow(Instant.ofEpochSecond(1_700_000_000L + i), source, "line " + i);
    }

    @Test
    void keepsTheNewestLinesUpToItsCapacity() {
        LogTableModel m = new LogTableModel(3);
        List<LogRow> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(row(i, "manager"));
        }
        m.append(batch.subList(0, 2));
        m.append(batch.subList(2, 5));
        assertEquals(3, m.getRowCount());
        assertEquals("line 2", m.getValueAt(0, 2));
        assertEquals("line 4", m.row(2).message());
    }

    @Test
    void sourcesAreCollectedInNaturalOrder() {
        LogTableModel m = new LogTableModel(10);
        m.append(List.of(row(1, "wg10"), row(2, "manager"), row(3, "wg2"), row(4, "wg10")));
        assertEquals(List.of("manager", "wg2", "wg10"), m.sources());
    }

    @Test
    void aLineIsCopiedAsTabSeparatedText() {
        LogRow r = row(0, "wg0");
        assertEquals(r.formattedTime() + "\twg0\tline 0", r.toLine());
    }

    @Test
    void theSaveFileIsNamedWithItsTimestamp() {
        assertEquals("warren-log-20261125-171405.txt", LogPanel.defaultFileName(LocalDateTime.of(2026, 11, 25, 17, 14, 5)));
    }
}
