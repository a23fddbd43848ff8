package ${package};

import dev.mtk.spi.Conversation;
import dev.mtk.spi.Handler;
import dev.mtk.spi.Received;
import java.util.Locale;

/**
 * Answers every text message with the text upper-cased by its locale's rules ({@code istanbul} is {@code ISTANBUL},
 * and {@code İSTANBUL} in Turkish). Text is what a text payload codec decodes: this plugin's own, or mtk's
 * {@code text}; a session that sends anything else (a JSON value, say) is closed, saying why.
 *
 * <p>One instance serves every session. mtk calls each session's callbacks one at a time, in order, on a worker
 * thread, never on an I/O thread; whatever a callback throws reaches {@code onError}, which by default closes that
 * session alone.
 */
final class UpperCaseHandler implements Handler {
    private final Locale locale;

    UpperCaseHandler(Locale locale) {
        this.locale = locale;
    }

    @Override
    public void onMessage(Conversation session, Received message) throws Exception {
        if (message.value() instanceof String text) {
            session.reply(text.toUpperCase(locale));
        } else {
            session.close("${pluginName} answers text, not " + message.render());
        }
    }
}
