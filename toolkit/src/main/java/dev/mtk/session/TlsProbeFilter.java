package dev.mtk.session;

import dev.mtk.internal.Hex;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * On a plain (not TLS) session, looks at the first bytes the peer sends: when they are a TLS record (a client's
 * hello, a server's alert), the two sides disagree on TLS, and the session is closed with one line saying so,
 * instead of the framing decoder skipping the handshake as garbage and waiting.
 */
final class TlsProbeFilter extends IoFilterAdapter {
    private static final AttributeKey CHECKED = new AttributeKey(TlsProbeFilter.class, "checked");
    /** TLS record content types: change_cipher_spec, alert, handshake, application_data. */
    private static final int FIRST_TYPE = 0x14;
    private static final int LAST_TYPE = 0x17;

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
        if (message instanceof IoBuffer buffer && !io.containsAttribute(CHECKED) && buffer.remaining() >= 3) {
            io.setAttribute(CHECKED, Boolean.TRUE);
            int type = buffer.get(buffer.position()) & 0xff;
            int major = buffer.get(buffer.position() + 1) & 0xff;
            int minor = buffer.get(buffer.position() + 2) & 0xff;
            if (type >= FIRST_TYPE && type <= LAST_TYPE && major == 3 && minor <= 4) {
                byte[] start = new byte[Math.min(buffer.remaining(), 5)];
                buffer.duplicate().get(start);
                next.exceptionCaught(io, new TlsRefusal(io.isServer()
                        ? "a TLS client on a plain server (it sent the TLS record " + Hex.spaced(start, 5)
                                + "); start the server with --tls, or connect without TLS"
                        : "the server speaks TLS (it sent the TLS record " + Hex.spaced(start, 5)
                                + "); connect with --tls"));
                return;
            }
        }
        next.messageReceived(io, message);
    }
}
