package dev.mtk.plugin;

/**
 * One codec as {@code mtk plugins} lists it.
 *
 * @param kind        {@code framing} or {@code payload}
 * @param name        what users select it by
 * @param version     the version of the jar it came from (mtk's own for built-ins)
 * @param origin      {@code built-in}, or the absolute path of the jar
 * @param description one line
 */
public record CodecInfo(String kind, String name, String version, String origin, String description) {
    public static final String BUILT_IN = "built-in";
}
