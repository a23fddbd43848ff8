package dev.mtk.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSyntaxTest {
    private static final String PUNCTUATION = "{}[]\",:0123456789.-+eE \\tfnu";
    private static final List<String> VALID = List.of(
            "{\"ID\":\"i\",\"Name\":\"Joel\",\"Age\":\"53\",\"Programming Language\":\"go\"}",
            " {\"a\" : [1, -0, 2.5, -3e7, 4E+2, 5.0e-3, 1234567890123456789012345678901234567890] }\r\n",
            "[true,false,null,{},[],\"\",{\"\":{}}]",
            "\"caf\u00e9 \u6211\u6536\u5230\u4e86 \ud83d\ude00\"",
            "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uFFFF\"",
            "0", "-1", "17", "true", "null",
            "{\"deep\":[[[[[[[[[[{\"x\":[1,[2,[3]]]}]]]]]]]]]]}");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ID\":\"i\",\"Name\":\"Joel\",\"Age\":\"53\",\"Programming Language\":\"go\"}",
            " {\"a\" : [1, -0, 2.5, -3e7, 4E+2, 5.0e-3] }\r\n",
            "[true,false,null,{},[],\"\",{\"\":{}}]",
            "\"caf\u00e9 \u6211\u6536\u5230\u4e86 \ud83d\ude00\"",
            "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9\"",
            "0", "-1", "true", "null"})
    void acceptsWellFormedJson(String body) {
        assertThat(JsonSyntax.wellFormed(bytes(body))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "  ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "['a']", "[1 2]", "{} {}", "01", "1.",
            ".5", "+1", "-", "1e", "1e+", "tru", "truex", "nul", "NaN", "\"open", "\"tab\there\"", "\"\\x\"",
            "\"\\u12G4\"", "\"\\u123\"", "[1]]", "{\"a\":1}}", "/* c */ 1", "\u000b1"})
    void refusesMalformedJson(String body) {
        assertThat(JsonSyntax.wellFormed(bytes(body))).isFalse();
    }

    @Test
    void refusesInvalidUtf8() {
        byte[][] bodies = {
                {'"', (byte) 0xC3, '"'},
                {'"', (byte) 0xC0, (byte) 0x80, '"'},
                {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'},
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
                {'"', (byte) 0xFF, '"'},
                {'"', (byte) 0x80, '"'}};
        for (byte[] body : bodies) {
            assertThat(JsonSyntax.wellFormed(body)).as(hex(body)).isFalse();
        }
    }

    @Test
    void leavesWhatJacksonLimitsToJackson() {
        String deep = "[".repeat(600) + "]".repeat(600);
        String longNumber = "1".repeat(600);

        assertThat(JsonSyntax.wellFormed(bytes(deep))).isFalse();
        assertThat(JsonSyntax.wellFormed(bytes(longNumber))).isFalse();
        assertThat(JsonSyntax.wellFormed(bytes("\"\\ud83d\\ude00\""))).isFalse();
        assertThat(JsonSyntax.wellFormed(bytes("\ufeff{}"))).isFalse();
    }

    /** The promise the server relies on: every body said well-formed here is one Jackson's parser accepts. */
    @Test
    void neverAcceptsWhatJacksonRefuses() {
        Random random = new Random(19);
        List<byte[]> corpus = new ArrayList<>();
        for (String valid : VALID) {
            byte[] body = bytes(valid);
            for (int i = 0; i < 2_000; i++) {
                corpus.add(mutated(body, random));
            }
        }
        int acceptedHere = 0;
        for (byte[] body : corpus) {
            if (JsonSyntax.wellFormed(body)) {
                acceptedHere++;
                assertThat(jacksonAccepts(body)).as(hex(body)).isTrue();
            }
        }
        assertThat(acceptedHere).as("mutations still well-formed").isGreaterThan(1_000);
    }

    @Test
    void acceptsWhatJacksonAcceptsInTheCorpus() {
        for (String valid : VALID) {
            assertThat(jacksonAccepts(bytes(valid))).as(valid).isTrue();
            assertThat(JsonSyntax.wellFormed(bytes(valid))).as(valid).isTrue();
        }
    }

    private static byte[] mutated(byte[] body, Random random) {
        byte[] copy = body.clone();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(copy.length);
            switch (random.nextInt(4)) {
                case 0 -> copy[at] = (byte) random.nextInt(256);
                case 1 -> copy[at] = (byte) PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
                case 2 -> copy = cut(copy, at);
                default -> copy[at] = copy[random.nextInt(copy.length)];
            }
            if (copy.length == 0) {
                break;
            }
        }
        return copy;
    }

    private static byte[] cut(byte[] body, int at) {
        byte[] shorter = new byte[body.length - 1];
        System.arraycopy(body, 0, shorter, 0, at);
        System.arraycopy(body, at + 1, shorter, at, body.length - at - 1);
        return shorter;
    }

    private static boolean jacksonAccepts(byte[] body) {
        try (JsonParser parser = JsonMapper.builder().build().getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            JsonToken extra = parser.nextToken();
            return extra == null;
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] body) {
        StringBuilder text = new StringBuilder();
        for (byte b : body) {
            text.append(String.format("%02x", b & 0xFF));
        }
        return text.toString();
    }
}
