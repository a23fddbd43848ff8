package dev.mtk.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an mtk server on a field or a parameter of type {@link dev.mtk.embed.MtkServer} in an {@link MtkTest}
 * class: mtk starts it on 127.0.0.1 and a free port, assigns or passes it, resets its journal before each test and
 * closes it after its {@link #lifecycle()}, whether the tests pass or fail.
 *
 * <pre>{@code
 * @MockServer(profile = "reply", script = "onMessage { reply([ok: true]) }", failOnUnexpected = true)
 * static MtkServer server;
 *
 * @Test
 * void ownServer(@MockServer(profile = "reply", lifecycle = Lifecycle.PER_TEST) MtkServer mine) { ... }
 * }</pre>
 *
 * <p>Each attribute means what the {@link dev.mtk.embed.MtkServer.Builder} method of its name means; an empty string
 * or a negative number leaves the builder's default. A field may be static or not; a {@link Lifecycle#PER_CLASS}
 * server on a parameter is shared by the parameters of the class that declare it with the same attributes.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MockServer {
    /** A profile by name: {@code json} (the builder's default), {@code seed}, {@code reply}. */
    String profile() default "";

    /** A framing as {@code --framing} takes it: {@code length-field:width=2}. */
    String framing() default "";

    /** A payload codec by name: {@code json}, {@code text}, {@code bytes}, a plugin's. */
    String payload() default "";

    /** An exchange by name: {@code seed}, {@code reply}, {@code oneway}. */
    String exchange() default "";

    /** Pairs replies with requests by a JSON path ({@code $.id}) or header field. */
    String correlate() default "";

    /** What answers, as {@code --handler} names it: {@code echo}, {@code kv:capacity=10}. Not with a script. */
    String handler() default "";

    /** What answers: a behaviour script's text, {@code onMessage { reply([ok: true]) }}. Not with a handler. */
    String script() default "";

    /** What answers: a behaviour script file, relative to the working directory. Not with a handler or script. */
    String scriptFile() default "";

    /** Largest frame accepted, in bytes; the builder's 1 MiB unless positive. */
    int maxFrame() default -1;

    /** How many messages the journal keeps; the builder's 10,000 unless 0 or more. */
    int journal() default -1;

    /** Folders of plugin jars whose framings, payloads and handlers may be named. */
    String[] plugins() default {};

    /** One server for the class (the default) or one per test. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /**
     * Fails a test that passed but left messages in the journal that no {@code verify} matched, listing them; see
     * {@link dev.mtk.journal.Journal#verifyNoUnexpectedMessages()}.
     */
    boolean failOnUnexpected() default false;
}
