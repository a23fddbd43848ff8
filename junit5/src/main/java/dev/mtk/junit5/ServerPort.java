package dev.mtk.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code int} parameter of a test, a {@code @BeforeEach} or {@code @AfterEach} method: the port of the test
 * class's server (its only {@link MockServer} field, or its {@link MtkServerExtension}), for code under test that
 * takes a port rather than a server.
 *
 * <p>A parameter rather than a system property: system properties are the JVM's, and test classes run in parallel
 * would overwrite each other's.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerPort {
}
