package dev.warren.core.config;

import java.util.List;
import java.util.Locale;

/** Finds the known name a misspelt one was probably meant to be. */
final class Suggestions {

    /** Two edits catch a dropped, doubled or swapped letter or two without suggesting unrelated names. */
    static final int MAX_DISTANCE = 2;

    /** Longer input is not a misspelt key; comparing it would only cost time. */
    private static final int MAX_INPUT = 40;

    private Suggestions() {
    }

    /** The candidate closest to {@code input} (case-insensitively) within {@link #MAX_DISTANCE}, or null. */
    static String closest(String input, List<String> candidates) {
        if (input.length() > MAX_INPUT) {
            return null;
        }
        String in = input.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String c : candidates) {
            int d = distance(in, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal-string-alignment distance: Levenshtein plus transposition of adjacent characters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
