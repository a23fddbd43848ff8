package dev.mtk.spi;

import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * A configured framing: the MINA decoder and encoder one session pair uses.
 *
 * <p>The decoder emits a {@link Frame} per complete frame (with its wire size), and may emit {@link SkippedBytes}
 * before a frame when it skipped garbage; it throws {@link FrameException} to refuse its input, which closes that
 * session. It must keep per-session state in session attributes (a
 * {@link org.apache.mina.filter.codec.CumulativeProtocolDecoder} does), because one decoder serves every session.
 * The encoder writes {@link Frame}s framed and {@link RawBytes} as they are; {@link FrameEncoder} does the
 * dispatching.
 */
public interface Framing {

    ProtocolDecoder decoder();

    ProtocolEncoder encoder();

    /** Bytes a frame with a body of {@code bodyLength} bytes takes on the wire. */
    int frameLength(int bodyLength);
}
