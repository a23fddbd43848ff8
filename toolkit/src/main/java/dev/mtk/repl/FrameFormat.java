package dev.mtk.repl;

import dev.mtk.internal.Hex;
import dev.mtk.internal.LogText;
import dev.mtk.payload.NamedPayload;
import dev.mtk.payload.TextPayloadCodec;
import dev.mtk.session.Message;
import dev.mtk.session.Profile;
import dev.mtk.spi.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * How a frame looks in the REPL: time, session id, direction ({@code ->} sent, {@code <-} received), byte count, then
 * the reply it pairs with (on a correlated session), the framing's header fields, then the body as the session's
 * payload codec shows it. JSON is pretty printed and coloured; a binary body is a hex dump;
 * with {@code hex on} every frame's bytes as they went on the wire follow.
 *
 * <pre>
 * 18:24:17.756 #1 -&gt; 26 B (body 15 B) {"n":42,"a":"b"}
 * 18:24:17.761 #1 &lt;- 25 B (body 14 B) "我收到了"
 * 18:24:18.102 #1 &lt;- 26 B (body 18 B) (reply to $.id 7) [opaque=7] {"id":7,"ok":true}
 * </pre>
 */
final class FrameFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final AttributedStyle FAINT = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle ID = AttributedStyle.DEFAULT.bold();
    private static final AttributedStyle SENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN).bold();
    private static final AttributedStyle RECEIVED = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN).bold();
    private static final AttributedStyle WARNING = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    /** How every {@link Hex#dump} begins: the offset of its first row. */
    private static final String DUMP_START = "00000000  ";

    private final Clock clock;
    private volatile boolean hex;

    FrameFormat(Clock clock) {
        this.clock = clock;
    }

    boolean hex() {
        return hex;
    }

    void hex(boolean on) {
        hex = on;
    }

    /**
     * A frame the REPL sent; {@code framed} is false for the {@code seed} profile's unframed {@code ok}, and
     * {@code header} holds the fields it set.
     */
    AttributedString sent(ReplSession session, byte[] body, int wireSize, boolean framed, Map<String, Long> header) {
        return frame(session, "->", SENT, body, wireSize, framed, header, null);
    }

    /**
     * A frame received, with the framing's header fields and, when it answers a request the REPL is waiting for,
     * {@code (reply to $.id 7)}: the pairing is what a correlated session's {@code send} shows.
     */
    AttributedString received(ReplSession session, byte[] body, int wireSize, boolean framed, Map<String, Long> header,
            String answers) {
        return frame(session, "<-", RECEIVED, body, wireSize, framed, header, answers);
    }

    /** The one line that says a session was lost. */
    AttributedString lost(ReplSession session, String reason) {
        return new AttributedStringBuilder().styled(FAINT, now()).append(' ').styled(ID, "#" + session.getId())
                .append(' ').styled(WARNING, session.getPeer() + " closed: " + reason).toAttributedString();
    }

    private AttributedString frame(ReplSession session, String arrow, AttributedStyle style, byte[] body, int wireSize,
            boolean framed, Map<String, Long> header, String answers) {
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.styled(FAINT, now()).append(' ').styled(ID, "#" + session.getId()).append(' ').styled(style, arrow)
                .append(' ').append(wireSize == body.length ? body.length + " B" : wireSize + " B (body " + body.length + " B)");
        if (answers != null) {
            line.append(' ').styled(FAINT, "(reply to " + session.profile().correlation().expression() + " " + answers
                    + ")");
        }
        if (!header.isEmpty()) {
            line.append(' ').append(Message.headerText(header).stripTrailing());
        }
        AttributedString view = body(session.payload(), body, framed);
        // A dump or indented JSON starts on a line of its own, so its columns line up.
        boolean block = view.toString().indexOf('\n') >= 0 || view.toString().startsWith(DUMP_START);
        line.append(block ? "\n" : " ").append(view);
        if (hex) {
            line.append('\n').styled(FAINT, Hex.dump(wire(session.profile(), body, framed)));
        }
        return line.toAttributedString();
    }

    /** The body for people: JSON styled, binary as a hex dump, anything else as the codec renders it. */
    static AttributedString body(NamedPayload codec, byte[] body, boolean framed) {
        if (body.length == 0) {
            return new AttributedString("(empty)", FAINT);
        }
        if (!framed) {
            return new AttributedString(LogText.cut(binary(body) ? Hex.dump(body) : TextPayloadCodec.oneLine(body)));
        }
        if (codec.name().equals("bytes")) {
            // The codec's one line suits log lines; at a prompt a dump's offsets help to count to a field.
            return new AttributedString(LogText.cut(Hex.dump(body)));
        }
        String rendered = render(codec, body);
        if (rendered.length() > LogText.LIMIT) {
            // too long to style: cut, as every log line is
            return new AttributedString(LogText.cut(binary(body) ? Hex.dump(body) : rendered));
        }
        if (codec.name().equals("json")) {
            try {
                return JsonStyle.style(body);
            } catch (IOException e) {
                // not JSON after all (a lenient server): shown below as text or bytes
            }
        } else if (rendered.startsWith("{") || rendered.startsWith("[")) {
            // A codec that shows its values as JSON (cbor): pretty printed like JSON itself.
            try {
                return JsonStyle.style(rendered.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // shown as rendered
            }
        }
        if ((codec.name().equals("json") || codec.name().equals("text")) && binary(body)) {
            return new AttributedString(LogText.cut(Hex.dump(body)));
        }
        return new AttributedString(rendered);
    }

    /** The bytes a frame took on the wire, when the framing can say without a session; else the body. */
    static byte[] wire(Profile profile, byte[] body, boolean framed) {
        if (!framed || !profile.encodesAlone()) {
            return body;
        }
        try {
            return profile.encode(new Frame(body));
        } catch (RuntimeException e) {
            return body;
        }
    }

    private static String render(NamedPayload codec, byte[] body) {
        try {
            return codec.render(body);
        } catch (RuntimeException | LinkageError e) {
            return TextPayloadCodec.oneLine(body);
        }
    }

    /** Not UTF-8 text a person could read: malformed, or control characters other than tab and line breaks. */
    static boolean binary(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private String now() {
        return LocalTime.now(clock).format(TIME);
    }
}
