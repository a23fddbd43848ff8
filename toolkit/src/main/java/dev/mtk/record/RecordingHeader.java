package dev.mtk.record;

import java.util.Objects;

/**
 * The first line of a recording: what it is, which version of the format, and how the traffic was decoded.
 *
 * @param version the format version ({@link #VERSION} for what this mtk writes)
 * @param started when recording began, ISO-8601 UTC; every event's {@code ms} counts from here
 * @param profile the profile's name ({@code json}, {@code seed}): its handshake decides which units are unframed
 * @param framing the framing as users write it ({@code headers}, {@code length-field:width=2})
 * @param payload the payload codec's name
 * @param listen  where the proxy listened
 * @param target  the server the proxy forwarded to
 * @param exchange  the exchange's label ({@code seed}, {@code reply}, {@code oneway}); {@code null} in recordings
 *                  made before it was written: then the profile's own
 * @param correlate the {@code --correlate} expression ({@code $.id}); {@code null} when replies were not paired by a
 *                  key
 */
public record RecordingHeader(int version, String started, String profile, String framing, String payload, String listen,
        String target, String exchange, String correlate) {
    /** The value of the header's {@code format} field. */
    public static final String FORMAT = "mtk-recording";
    /** The version this mtk writes and reads. */
    public static final int VERSION = 1;

    public RecordingHeader {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(target, "target");
    }

    /** A header without exchange and correlation: the profile's exchange, replies not paired by a key. */
    public RecordingHeader(int version, String started, String profile, String framing, String payload, String listen,
            String target) {
        this(version, started, profile, framing, payload, listen, target, null, null);
    }
}
