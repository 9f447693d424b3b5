package dev.warren.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.device.Device;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages depend one way (app → native-bridge → tunnel-core) and tunnel-core is pure Java: no GUI, no native
 * calls, nothing of the OS. This reads every compiled class of tunnel-core and fails on any reference to a
 * forbidden package, wherever it appears: a class reference, a field or method descriptor, a generic signature,
 * an annotation. Compiled classes, not source imports, so fully qualified names and {@code var} cannot hide one.
 */
class TunnelCoreDependenciesTest {

    /** Internal-name prefixes tunnel-core must never refer to, with why. */
    private static final List<String> FORBIDDEN = List.of(
            "java/awt/",            // GUI belongs to app
            "javax/swing/",         // GUI belongs to app
            "com/sun/jna/",         // native calls belong to native-bridge
            "java/lang/foreign/",   // the same through the FFM API
            "dev/warren/bridge/",   // the dependency would point the wrong way
            "dev/warren/app/");

    @Test
    void tunnelCoreRefersToNoGuiNativeOrUpperLayerPackage() throws IOException, URISyntaxException {
        Path classes = Path.of(Device.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "expected tunnel-core's compiled classes in a directory: " + classes);
        TreeSet<String> violations = new TreeSet<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                scanned++;
                String name = classes.relativize(p).toString();
                forbiddenReferences(Files.readAllBytes(p)).forEach(ref -> violations.add(name + " refers to " + ref));
            }
        }
        // Guards against scanning the wrong (or an empty) directory and passing on nothing.
        assertTrue(scanned > 50, "only " + scanned + " classes found under " + classes);
        assertEquals(new TreeSet<String>(), violations);
    }

    @Test
    void theScanSeesReferencesThatOnlyADescriptorMakes() {
        // A method taking a JComponent and returning a JNA Pointer: no class constant for either, only a descriptor.
        MethodTypeDesc type = MethodTypeDesc.of(ClassDesc.of("com.sun.jna.Pointer"), ClassDesc.of("javax.swing.JComponent"));
        byte[] bytes = ClassFile.of().build(ClassDesc.of("dev.warren.core.Probe"),
                cls -> cls.withMethod("probe", type, ClassFile.ACC_PUBLIC | ClassFile.ACC_ABSTRACT, m -> { }));
        assertEquals(List.of("com/sun/jna/", "javax/swing/"), forbiddenReferences(bytes).stream().sorted().toList());
    }

    /** The forbidden prefixes that any string constant of the class mentions (names, descriptors, signatures). */
    private static List<String> forbiddenReferences(byte[] classBytes) {
        TreeSet<String> found = new TreeSet<>();
        for (PoolEntry entry : ClassFile.of().parse(classBytes).constantPool()) {
            if (entry instanceof Utf8Entry utf8) {
                String s = utf8.stringValue();
                FORBIDDEN.stream().filter(s::contains).forEach(found::add);
            }
        }
        return List.copyOf(found);
    }
}
