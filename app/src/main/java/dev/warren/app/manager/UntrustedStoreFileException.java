package dev.warren.app.manager;

import java.io.IOException;

/**
 * A file in the config store that the manager will not use: whoever could write it could make the manager run its
 * PostUp as root. The message names the file and why (its owner, or its mode); the manager logs it and goes on
 * without the file.
 */
public final class UntrustedStoreFileException extends IOException {
    public UntrustedStoreFileException(String message) {
        super(message);
    }
}
