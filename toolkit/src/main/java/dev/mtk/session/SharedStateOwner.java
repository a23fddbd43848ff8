package dev.mtk.session;

/**
 * A handler that keeps state shared by its sessions beyond the server's {@code shared()} map (a behaviour script's
 * {@code shared}), so that {@link Behaviour#reset()} clears that too.
 */
public interface SharedStateOwner {

    /** Forgets what the sessions shared. */
    void clearShared();
}
