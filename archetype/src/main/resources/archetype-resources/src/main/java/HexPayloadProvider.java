package ${package};

import dev.mtk.spi.Options;
import dev.mtk.spi.PayloadCodec;
import dev.mtk.spi.PayloadProvider;

/**
 * The payload codec {@code ${pluginName}}: {@code mtk client --payload ${pluginName}}. mtk finds this class through
 * {@code META-INF/services/dev.mtk.spi.PayloadProvider}.
 */
public final class HexPayloadProvider implements PayloadProvider {
    @Override
    public String name() {
        return "${pluginName}";
    }

    @Override
    public String description() {
        return "UTF-8 text, as hex digits on the wire";
    }

    @Override
    public PayloadCodec create(Options options) {
        return new HexPayloadCodec();
    }
}
