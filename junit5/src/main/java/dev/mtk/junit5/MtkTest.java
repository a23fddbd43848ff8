package dev.mtk.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose {@link MockServer} fields and parameters mtk starts, injects, resets between tests and
 * closes.
 *
 * <pre>{@code
 * @MtkTest
 * class InventoryClientTest {
 *     @MockServer(profile = "reply", handler = "echo")
 *     static MtkServer server;
 *
 *     @Test
 *     void putsTheItem() {
 *         new InventoryClient("127.0.0.1", server.port()).put("a");
 *         server.journal().verify(JournalQuery.all().path("$.op", "put"));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MtkExtension.class)
public @interface MtkTest {
}
