package ${package};

import dev.mtk.spi.Handler;
import dev.mtk.spi.HandlerProvider;
import dev.mtk.spi.Options;
import java.util.List;

/**
 * The handler {@code ${pluginName}}: {@code mtk server --handler ${pluginName}[:key=NAME]}. mtk finds this class
 * through {@code META-INF/services/dev.mtk.spi.HandlerProvider} and calls {@link #create} once per server.
 */
public final class EchoHandlerProvider implements HandlerProvider {
    @Override
    public String name() {
        return "${pluginName}";
    }

    @Override
    public String description() {
        return "answers each message with its value and the session's count";
    }

    /** mtk refuses any other option, naming this handler, before {@link #create} is called. */
    @Override
    public List<String> options() {
        return List.of("key");
    }

    @Override
    public Handler create(Options options) {
        String key = options.get("key", "echo");
        if (key.isBlank() || key.equals(EchoHandler.COUNT)) {
            // mtk puts "handler ${pluginName}: " in front of the message.
            throw new IllegalArgumentException("key must be a non-blank name other than '" + EchoHandler.COUNT
                    + "': '" + key + "'");
        }
        return new EchoHandler(key);
    }
}
