package dev.warren.app.ui.format;

import java.util.Comparator;

/**
 * Orders names the way people count: "wg2" before "wg10", case-insensitively, with the exact string as the
 * final tie-break so that distinct names never compare equal.
 */
public final class NaturalOrder implements Comparator<String> {

    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = endOfDigits(a, i);
                int ej = endOfDigits(b, j);
                int c = compareNumbers(a.substring(i, ei), b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int endOfDigits(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    /** Compares digit runs of any length by value; leading zeros only break ties ("01" after "1"). */
    private static int compareNumbers(String x, String y) {
        String sx = stripZeros(x);
        String sy = stripZeros(y);
        int c = Integer.compare(sx.length(), sy.length());
        if (c == 0) {
            c = sx.compareTo(sy);
        }
        return c != 0 ? c : Integer.compare(x.length(), y.length());
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
