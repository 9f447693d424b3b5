package dev.warren.app.interop;

import dev.warren.app.interop.Lab.Impl;

/** The same suite with {@code warren userspace} on both sides, configured with {@code wg} like any other peer. */
class WarrenToWarrenTest extends InteropSuite {
    WarrenToWarrenTest() {
        super(Impl.WARREN, "the other Warren");
    }
}
