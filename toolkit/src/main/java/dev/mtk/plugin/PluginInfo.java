package dev.mtk.plugin;

/**
 * One framing, payload codec or handler as {@code mtk plugins} lists it.
 *
 * @param kind        {@code framing}, {@code payload} or {@code handler}
 * @param name        what users select it by
 * @param version     the version of the jar it came from (mtk's own for built-ins)
 * @param origin      {@code built-in}, or the absolute path of the jar
 * @param description one line
 */
public record PluginInfo(String kind, String name, String version, String origin, String description) {
    public static final String BUILT_IN = "built-in";
}
