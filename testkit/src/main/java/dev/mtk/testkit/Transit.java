package dev.mtk.testkit;

import java.util.Map;

/**
 * A message as its peer reads it after it crossed the framing: the body the decoder cut out, the named header fields
 * read from the frame, and the bytes it took on the wire.
 */
record Transit(byte[] body, Map<String, Long> header, int wireSize) {
}
