package ${package};

import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * The handler {@code ${pluginName}}: {@code mtk server --handler ${pluginName}[:locale=TAG]}. mtk finds this class
 * through {@code META-INF/services/dev.mtk.spi.HandlerProvider}, lists it in {@code mtk plugins}, and calls
 * {@code create} once per server with the options after the name.
 */
public final class UpperCaseHandlerProvider implements HandlerProvider {
    @Override
    public String name() {
        return "${pluginName}";
    }

    @Override
    public String description() {
        return "answers each text upper-cased; option locale (a language tag, e.g. tr)";
    }

    /** mtk refuses any other option, naming this handler, before create is called. */
    @Override
    public List<String> options() {
        return List.of("locale");
    }

    /** Checks the options now, so a mistake stops the server from starting rather than failing each message. */
    @Override
    public Handler create(Options options) {
        String tag = options.get("locale");
        if (tag == null) {
            return new UpperCaseHandler(Locale.ROOT);
        }
        try {
            return new UpperCaseHandler(new Locale.Builder().setLanguageTag(tag).build());
        } catch (IllformedLocaleException e) {
            // mtk puts "handler ${pluginName}: " in front and shows this one line to the user.
            throw new IllegalArgumentException("locale must be a language tag such as tr or de-CH: '" + tag + "'");
        }
    }
}
