/**
 * Recordings of proxied traffic: {@link dev.mtk.record.StreamDecoder} cuts a copy of a byte stream into frames with
 * their exact bytes, {@link dev.mtk.record.Recorder} and {@link dev.mtk.record.RecordingWriter} write them as JSON lines,
 * {@link dev.mtk.record.Recording} reads them back. The format, versioned in its header line, is documented in
 * docs/RECORDING.md.
 */
package dev.mtk.record;
