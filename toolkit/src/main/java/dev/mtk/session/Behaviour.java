package dev.mtk.session;

import dev.mtk.spi.Handler;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a server does for all its sessions: the {@link Handler} it calls, which a replaceable behaviour swaps while
 * sessions stay open, and the state those sessions share ({@link dev.mtk.spi.Conversation#shared()}).
 *
 * <p>The server reads {@link #current()} once per callback, so a replacement takes effect at the next message of
 * every session, a callback already running finishes under the old handler, and what a session keeps in its own
 * {@code state()} stays with it. A fixed behaviour is never replaced, which lets a built-in handler that cannot block
 * ({@link NonBlocking}) run on the I/O threads: a replaceable one always runs on handler threads, since whatever
 * replaces it may block.
 */
public final class Behaviour {
    private final AtomicReference<Handler> current;
    private final boolean replaceable;
    private final Map<String, Object> shared = new ConcurrentHashMap<>();

    private Behaviour(Handler first, boolean replaceable) {
        this.current = new AtomicReference<>(Objects.requireNonNull(first, "handler"));
        this.replaceable = replaceable;
    }

    /** {@code handler} for the server's whole life. */
    public static Behaviour fixed(Handler handler) {
        return new Behaviour(handler, false);
    }

    /** {@code handler} until {@link #replace} gives another. */
    public static Behaviour replaceable(Handler handler) {
        return new Behaviour(handler, true);
    }

    /** The handler the next callback goes to. */
    public Handler current() {
        return current.get();
    }

    public boolean isReplaceable() {
        return replaceable;
    }

    /**
     * Makes {@code next} the handler of every session's next callback.
     *
     * @return the handler it replaced
     * @throws IllegalStateException on a fixed behaviour
     */
    public Handler replace(Handler next) {
        Objects.requireNonNull(next, "handler");
        if (!replaceable) {
            throw new IllegalStateException("this server's behaviour is fixed: it was started without a replaceable"
                    + " behaviour");
        }
        return current.getAndSet(next);
    }

    /** Clears what sessions share: the server's {@code shared()} map and the current script's {@code shared}. */
    public void reset() {
        shared.clear();
        if (current() instanceof SharedStateOwner owner) {
            owner.clearShared();
        }
    }

    /** The map every session's {@code shared()} returns. */
    Map<String, Object> shared() {
        return shared;
    }

    /** Whether callbacks may run on the I/O threads: never for a handler that may be replaced. */
    boolean inline() {
        return !replaceable && current() instanceof NonBlocking;
    }
}
