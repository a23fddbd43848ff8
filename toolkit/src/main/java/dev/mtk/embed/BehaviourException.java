package dev.mtk.embed;

/**
 * A behaviour that could not be made: a script that does not compile ({@code NAME:LINE:COLUMN: message}, a line per
 * error) or whose top level fails, or a handler name or option mtk does not know. The server's behaviour is unchanged.
 */
public final class BehaviourException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BehaviourException(String message, Throwable cause) {
        super(message, cause);
    }
}
