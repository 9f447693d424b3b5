package dev.warren.app.ui.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** A GUI test: runs on a virtual display, with the EDT checker, excluded from plain {@code mvn test}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("gui")
@ExtendWith(GuiExtension.class)
public @interface GuiTest {
}
