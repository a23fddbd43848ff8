/**
 * Wireshark dissector export ({@code mtk dissector}): {@link dev.mtk.dissector.LuaDissector} writes a Lua dissector for
 * a length-field framing, so the framing spec mtk speaks also explains packet captures.
 */
package dev.mtk.dissector;
