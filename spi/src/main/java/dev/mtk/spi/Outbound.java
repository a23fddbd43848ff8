package dev.mtk.spi;

/**
 * A unit a framing encoder writes: a {@link Frame}, whose body the encoder frames, or {@link RawBytes}, which it
 * writes as they are (the {@code seed} profile's unframed acknowledgement and confirmation). There is no third kind:
 * an encoder handed anything else by MINA refuses it ({@link FrameEncoder#encode}).
 *
 * <pre>
 * Frame     body 7b 7d        -&gt; encoder -&gt; 48 65 61 64 65 72 73 00 00 00 02 7b 7d   (headers framing)
 * RawBytes  bytes 6f 6b       -&gt; encoder -&gt; 6f 6b                                      (as they are)
 * </pre>
 *
 * @since 1.0
 */
public sealed interface Outbound permits Frame, RawBytes {

    /** What it carries, framing not included: a frame's body, or the raw bytes themselves. Shared, not copied. */
    byte[] body();

    /** Bytes in {@link #body()}. */
    int length();
}
