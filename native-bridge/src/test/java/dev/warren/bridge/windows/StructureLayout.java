package dev.warren.bridge.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Structure;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Reads the layout JNA computes for a {@link Structure} declaration, which is the same on every host, so the x64
 * sizes and offsets of the Windows headers can be checked on Linux.
 */
public final class StructureLayout {

    private StructureLayout() {
    }

    /** JNA's {@code fieldOffset} is protected; it is the only way to the computed offset of a field. */
    public static int offset(Structure s, String field) {
        try {
            Method m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
            m.setAccessible(true);
            return (int) m.invoke(s, field);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts the structure's size and the offset of each named field. */
    public static void assertLayout(Structure s, int size, Map<String, Integer> offsets) {
        assertEquals(size, s.size(), s.getClass().getSimpleName() + " size");
        offsets.forEach((field, off) -> assertEquals(off, offset(s, field),
                s.getClass().getSimpleName() + "." + field + " offset"));
    }
}
