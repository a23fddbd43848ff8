package dev.mtk.plugin;

import static dev.mtk.testing.JarBuilder.payloadCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.mtk.internal.MtkVersion;
import dev.mtk.session.Profile;
import dev.mtk.spi.FrameLimits;
import dev.mtk.spi.PayloadProvider;
import dev.mtk.testing.JarBuilder;
import dev.mtk.wire.FramingSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
    @TempDir
    Path plugins;

    private Path upperJar(String fileName, String className, String name) throws Exception {
        return new JarBuilder()
                .source(className, payloadCodec(className, name, "\"upper case text\"", ""))
                .service(PayloadProvider.class, className)
                .version("2.3.4")
                .build(plugins.resolve(fileName));
    }

    @Test
    void findsTheBuiltInCodecs() {
        List<PluginInfo> all = Registry.builtIn().all();

        assertThat(all).extracting(PluginInfo::kind, PluginInfo::name).containsExactly(
                tuple("framing", "headers"), tuple("framing", "length-field"), tuple("framing", "memcached"),
                tuple("framing", "mysql"), tuple("framing", "postgres"),
                tuple("payload", "bytes"), tuple("payload", "json"), tuple("payload", "text"),
                tuple("handler", "echo"), tuple("handler", "overtake"), tuple("handler", "seed"),
                tuple("handler", "silent"));
        assertThat(all).allSatisfy(info -> {
            assertThat(info.origin()).isEqualTo(PluginInfo.BUILT_IN);
            assertThat(info.version()).isEqualTo(MtkVersion.current());
            assertThat(info.description()).isNotBlank();
        });
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Registry.builtIn().payload("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown payload 'xml' (known: bytes, json, text)");
        assertThatThrownBy(() -> Registry.builtIn().framing("lines"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown framing 'lines' (known: headers, length-field, memcached, mysql, postgres)");
    }

    @Test
    void aWholeFrameFramingChosenWithoutAnExchangeGetsReply() {
        assertThat(Registry.builtIn().profile(Map.of("framing", "memcached")).exchange())
                .isEqualTo(dev.mtk.exchange.Exchange.REPLY);
        assertThat(Registry.builtIn().profile(Map.of("framing", "memcached", "exchange", "oneway")).exchange())
                .isEqualTo(dev.mtk.exchange.Exchange.ONE_WAY);
        assertThat(Registry.builtIn().profile(Map.of("framing", "mysql")).exchange())
                .isEqualTo(dev.mtk.exchange.Exchange.SEED);
    }

    @Test
    void theSeedsExchangeChosenWithAWholeFrameFramingIsRefused() {
        assertThatThrownBy(() -> Registry.builtIn().profile(Map.of("framing", "memcached", "exchange", "seed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("framing memcached cannot frame the seed exchange's 我收到了 and ok (it sends only whole "
                        + "frames as they are given): choose the exchange reply or oneway");
    }

    @Test
    void aCorrelationOnTheSeedsExchangeIsRefusedNamingTheOptionAsItWasWritten() {
        Map<String, String> choice = Map.of("correlate", "$.id");

        assertThatThrownBy(() -> Registry.builtIn().profile(Profile.json(), choice, "--"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--correlate pairs replies with requests, which the seed's exchange does not have");
        assertThatThrownBy(() -> Registry.builtIn().profile(choice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("correlate pairs replies with requests");
    }

    @Test
    void aChoiceWithoutAProfileChangesTheBaseProfile() {
        Profile profile = Registry.builtIn().profile(Profile.reply(), Map.of("payload", "text"), "--");

        assertThat(profile.name()).isEqualTo("reply");
        assertThat(profile.payload().name()).isEqualTo("text");
    }

    @Test
    void readsAFramingWithItsOptions() {
        FramingSpec spec = Registry.builtIn().framingSpec("length-field:width=2,order=little");

        assertThat(spec.provider().name()).isEqualTo("length-field");
        assertThat(spec.options()).isEqualTo(Map.of("width", "2", "order", "little"));
        assertThat(spec).hasToString("length-field:width=2,order=little");
    }

    @Test
    void refusesMalformedFramingOptionsNamingTheFraming() {
        assertThatThrownBy(() -> Registry.builtIn().framingSpec("length-field:width"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("framing length-field: invalid option 'width': expected key=value");
    }

    @Test
    void aFramingsUnknownOptionNamesTheFramingAndItsOptions() {
        FramingSpec spec = Registry.builtIn().framingSpec("length-field:size=4");

        assertThatThrownBy(() -> spec.create(FrameLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("framing length-field: unknown option 'size' (known: magic, offset, width, order, adjust, "
                        + "counts, includes-header, header, trailer, strip, length, fields)");
    }

    @Test
    void aFramingsBadValueNamesTheFraming() {
        assertThatThrownBy(() -> Registry.builtIn().profile(Map.of("framing", "memcached:strip=body")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("framing memcached: invalid strip 'body': expected header");
    }

    @Test
    void aPayloadGivenOptionsNamesThePayload() {
        assertThatThrownBy(() -> Registry.builtIn().payload("bytes:x=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload bytes: unknown option 'x' (it takes none)");
    }

    @Test
    void loadsAPayloadCodecFromAJarInAPluginFolder() throws Exception {
        Path jar = upperJar("upper.jar", "com.example.upper.UpperPayloadCodec", "upper");

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).isEmpty();
        assertThat(codecs.payload("upper").parse("abc")).isEqualTo("ABC".getBytes(StandardCharsets.UTF_8));
        assertThat(codecs.all()).contains(new PluginInfo("payload", "upper", "2.3.4", jar.toString(), "upper case text"));
    }

    @Test
    void aPluginPayloadTakesTheOptionsItNames() throws Exception {
        new JarBuilder().source("com.example.pre.Prefixed", """
                        package com.example.pre;
                        import dev.mtk.spi.*;
                        import java.nio.charset.StandardCharsets;
                        import java.util.List;
                        public final class Prefixed implements PayloadProvider {
                          public String name() { return "pre"; }
                          public List<String> options() { return List.of("prefix"); }
                          public PayloadCodec create(Options options) {
                            String prefix = options.get("prefix", "");
                            return new PayloadCodec() {
                              public byte[] parse(String text) { return text.getBytes(StandardCharsets.UTF_8); }
                              public Object decode(byte[] body) { return new String(body, StandardCharsets.UTF_8); }
                              public String render(byte[] body) { return prefix + decode(body); }
                            };
                          }
                        }
                        """)
                .service(PayloadProvider.class, "com.example.pre.Prefixed")
                .build(plugins.resolve("pre.jar"));
        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.payload("pre:prefix=>>").render("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(">>abc");
        assertThat(codecs.payload("pre:prefix=>>")).hasToString("pre:prefix=>>");
        assertThatThrownBy(() -> codecs.payload("pre:suffix=<"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload pre: unknown option 'suffix' (known: prefix)");
    }

    private Path upperJarForSpi(String spiVersion) throws Exception {
        return new JarBuilder()
                .source("com.example.Upper", payloadCodec("com.example.Upper", "upper", "\"upper case text\"", ""))
                .service(PayloadProvider.class, "com.example.Upper")
                .spiVersion(spiVersion)
                .build(plugins.resolve("upper.jar"));
    }

    @Test
    void aJarBuiltForAnotherSpiMajorIsSkippedWithOneWarning() throws Exception {
        Path jar = upperJarForSpi("2.0");

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).containsExactly("plugin " + jar
                + ": built for mtk SPI 2.0; this mtk has SPI 1.0 (skipped)");
        assertThat(codecs.all()).noneMatch(info -> info.name().equals("upper"));
    }

    @Test
    void aJarBuiltForANewerSpiMinorIsLoadedWithAWarning() throws Exception {
        Path jar = upperJarForSpi("1.7");

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).containsExactly("plugin " + jar + ": built for mtk SPI 1.7; this mtk has SPI "
                + "1.0 (loaded; what it uses of the newer SPI is missing here)");
        assertThat(codecs.payload("upper").parse("abc")).isEqualTo("ABC".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJarNamingNoSpiVersionIsLoadedWithAWarningNamingTheAttribute() throws Exception {
        Path jar = upperJarForSpi(null);

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).singleElement().asString()
                .startsWith("plugin " + jar + ": no Mtk-Spi-Version in its manifest");
        assertThat(codecs.payload("upper").parse("abc")).isEqualTo("ABC".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJarBuiltForTheSameSpiLoadsWithoutAWarning() throws Exception {
        upperJarForSpi("1.0");

        assertThat(Registry.load(List.of(plugins)).warnings()).isEmpty();
    }

    @Test
    void loadsAPluginsLibrariesFromTheFolderNamedAfterItsJar() throws Exception {
        Path library = new JarBuilder()
                .source("com.example.lib.Shout", "package com.example.lib; public final class Shout { "
                        + "public static String of(String s) { return s + \"!\"; } }")
                .build(plugins.resolve("shouting/shout-lib.jar"));
        new JarBuilder()
                .source("com.example.shouting.ShoutCodec", payloadCodec("com.example.shouting.ShoutCodec", "shout",
                        "com.example.lib.Shout.of(\"loud\")", ""))
                .service(PayloadProvider.class, "com.example.shouting.ShoutCodec")
                .classPath(library)
                .build(plugins.resolve("shouting.jar"));

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).isEmpty();
        assertThat(codecs.all()).filteredOn(info -> info.name().equals("shout"))
                .extracting(PluginInfo::description).containsExactly("loud!");
    }

    @Test
    void twoPluginsBundlingConflictingVersionsOfOneClassBothWork() throws Exception {
        for (String version : List.of("1", "2")) {
            String codec = "com.example.v" + version + ".Codec";
            new JarBuilder()
                    .source("com.example.shared.Banner", "package com.example.shared; public final class Banner { "
                            + "public static String text() { return \"banner " + version + "\"; } }")
                    .source(codec, payloadCodec(codec, "banner" + version, "com.example.shared.Banner.text()", ""))
                    .service(PayloadProvider.class, codec)
                    .build(plugins.resolve("banner" + version + ".jar"));
        }

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).isEmpty();
        assertThat(codecs.all()).filteredOn(info -> info.name().startsWith("banner"))
                .extracting(PluginInfo::description).containsExactly("banner 1", "banner 2");
    }

    @Test
    void pluginsSeeTheSpiAndMinaButNotMtksOtherLibraries() throws Exception {
        String visible = "(can(\"org.apache.mina.core.buffer.IoBuffer\") + \" \" + can(\"dev.mtk.spi.Frame\") + \" \""
                + " + can(\"com.fasterxml.jackson.databind.ObjectMapper\") + \" \" + can(\"dev.mtk.session.Server\"))";
        String source = payloadCodec("com.example.peek.Peek", "peek", visible, "")
                .replace("  public String name()", "  static boolean can(String c) { try { Class.forName(c, false, "
                        + "Peek.class.getClassLoader()); return true; } catch (ClassNotFoundException e) { return false; } }\n"
                        + "  public String name()");
        new JarBuilder().source("com.example.peek.Peek", source).service(PayloadProvider.class, "com.example.peek.Peek")
                .build(plugins.resolve("peek.jar"));

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.all()).filteredOn(info -> info.name().equals("peek"))
                .extracting(PluginInfo::description).containsExactly("true true false false");
    }

    @Test
    void aJarThatIsNotAZipIsOneWarning() throws Exception {
        Path broken = Files.writeString(plugins.resolve("broken.jar"), "this is not a zip");

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).singleElement().asString()
                .startsWith("plugin " + broken + ": not a jar (zip) file: ");
    }

    @Test
    void aListedClassThatIsMissingIsOneWarning() throws Exception {
        Path jar = new JarBuilder().service(PayloadProvider.class, "com.example.Missing").build(plugins.resolve("missing.jar"));

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).containsExactly("plugin " + jar + ": class com.example.Missing listed in "
                + "META-INF/services/dev.mtk.spi.PayloadProvider is missing");
    }

    @Test
    void aCodecThatThrowsInItsConstructorIsOneWarning() throws Exception {
        Path jar = new JarBuilder()
                .source("com.example.Angry", payloadCodec("com.example.Angry", "angry", "\"\"",
                        "throw new IllegalStateException(\"no config\");"))
                .service(PayloadProvider.class, "com.example.Angry")
                .build(plugins.resolve("angry.jar"));

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).containsExactly("plugin " + jar
                + ": com.example.Angry could not be instantiated: java.lang.IllegalStateException: no config");
    }

    @Test
    void aPluginCannotReplaceABuiltIn() throws Exception {
        Path jar = upperJar("json.jar", "com.example.FakeJson", "json");

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).containsExactly("plugin " + jar
                + ": declares payload 'json', which is built in and cannot be replaced; ignored");
        assertThat(codecs.payload("json").codec().getClass().getName()).isEqualTo("dev.mtk.payload.JsonPayloadCodec");
    }

    @Test
    void theFirstJarByFileNameKeepsADuplicateName() throws Exception {
        Path first = upperJar("a-upper.jar", "com.example.a.Upper", "upper");
        Path second = upperJar("b-upper.jar", "com.example.b.Upper", "upper");

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).containsExactly("plugin " + second + ": declares payload 'upper', already provided by "
                + first + "; ignored");
        assertThat(codecs.payload("upper").codec().getClass().getName()).isEqualTo("com.example.a.Upper");
    }

    @Test
    void aBrokenJarBetweenTwoGoodOnesStopsNeitherOfThem() throws Exception {
        upperJar("a.jar", "com.example.a.Upper", "first");
        Files.writeString(plugins.resolve("b.jar"), "garbage");
        upperJar("c.jar", "com.example.c.Upper", "last");

        Registry codecs = Registry.load(List.of(plugins));

        assertThat(codecs.warnings()).hasSize(1);
        assertThat(codecs.payload("first")).isNotNull();
        assertThat(codecs.payload("last")).isNotNull();
    }

    @Test
    void aJarWithNothingForMtkIsOneWarning() throws Exception {
        Path jar = new JarBuilder().build(plugins.resolve("empty.jar"));

        assertThat(Registry.load(List.of(plugins)).warnings()).singleElement().asString()
                .startsWith("plugin " + jar + ": nothing for mtk in it");
    }

    @Test
    void missingFoldersAreSkippedQuietly() {
        Registry codecs = Registry.load(List.of(plugins.resolve("nowhere")));

        assertThat(codecs.warnings()).isEmpty();
        assertThat(codecs.all()).hasSize(Registry.builtIn().all().size());
    }
}
