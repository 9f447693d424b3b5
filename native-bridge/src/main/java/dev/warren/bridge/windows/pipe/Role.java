package dev.warren.bridge.windows.pipe;

/** What a connected client may do. */
public enum Role {
    /** An elevated member of Administrators (or LocalSystem): everything. */
    ADMIN,
    /** A member of the operator group: list, start, stop, and see configs with keys and scripts redacted. */
    OPERATOR,
    /** Anyone else: disconnected at once. */
    REFUSED
}
