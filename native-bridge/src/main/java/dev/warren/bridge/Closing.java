package dev.warren.bridge;

import java.io.Closeable;
import java.io.IOException;

/**
 * Tearing down several OS resources as one step. Each is released even when an earlier one fails, because a half
 * torn-down tunnel (DNS cleared but routes left, a notification cancelled but not the other) is worse than an error.
 */
public final class Closing {

    private Closing() {
    }

    /**
     * Closes every non-null resource in order, then throws the first failure with the later ones suppressed into it.
     */
    public static void all(Closeable... resources) throws IOException {
        IOException failure = null;
        for (Closeable c : resources) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Undoes a partly built resource after {@code cause} stopped its setup: closes it and records any failure in
     * doing so on {@code cause}, which the caller goes on to throw, so the setup's error is the one reported.
     */
    public static void afterFailure(Throwable cause, Closeable resource) {
        try {
            resource.close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
