package dev.warren.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code warren --help} lists every command with a one-line summary that a terminal shows whole. */
class WarrenHelpTest {

    private static final int TERMINAL_WIDTH = 80;

    @Test
    void everyCommandSummaryIsOneCompleteSentenceOnOneLine() {
        CommandLine warren = WarrenCommand.commandLine();
        String help = warren.getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> lines = help.lines().toList();
        List<String> rows = lines.subList(lines.indexOf("Commands:") + 1, lines.size());

        List<String> problems = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (String row : rows) {
            if (row.isBlank()) {
                continue;
            }
            // "  name  Summary." — a row indented deeper is the wrapped rest of the previous summary.
            if (!row.matches(" {2}\\S+ +\\S.*")) {
                problems.add("summary wraps onto a second line: " + row.strip());
                continue;
            }
            listed.add(row.strip().split(" +", 2)[0]);
            if (row.length() > TERMINAL_WIDTH) {
                problems.add("longer than " + TERMINAL_WIDTH + " columns: " + row);
            }
            if (!row.endsWith(".")) {
                problems.add("not a complete sentence ending in '.': " + row.strip());
            }
        }
        assertEquals(List.of(), problems, help);
        assertEquals(List.copyOf(warren.getSubcommands().keySet()), listed, "every command is listed, once");
        assertTrue(listed.contains("userspace") && listed.contains("manager"), help);
    }
}
