package dev.warren.bridge;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SenderCacheTest {

    @Test
    void theSameBytesGiveTheSameObjectAndOtherBytesMiss() {
        SenderCache cache = new SenderCache();
        assertNull(cache.get(1, 2, 3, 4));
        InetSocketAddress a = cache.put(new InetSocketAddress("192.0.2.1", 51820));
        assertSame(a, cache.get(1, 2, 3, 4));
        assertNull(cache.get(1, 2, 3, 5), "one differing field is another sender");
        InetSocketAddress b = cache.put(new InetSocketAddress("192.0.2.2", 51820));
        assertSame(b, cache.get(1, 2, 3, 5));
    }
}
