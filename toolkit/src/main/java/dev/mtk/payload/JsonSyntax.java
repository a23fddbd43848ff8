package dev.mtk.payload;

/**
 * Says, without allocating, whether a UTF-8 body is one well-formed JSON value (RFC 8259) that Jackson's default
 * parser accepts as well: the server checks every message it receives, and creating a Jackson parser for it cost
 * 160 ns per 64-byte body against about 30 ns here ({@code JsonPayloadBenchmark}, docs/PERFORMANCE.md).
 *
 * <p>A yes is final. A no means "not shown valid here": the caller asks Jackson, which either accepts the body or
 * words the error. So this check may be stricter than Jackson, never looser, and it is stricter where Jackson has
 * limits or leniencies of its own: a byte-order mark, unpaired surrogate escapes and encoded surrogates, nesting
 * deeper than {@value #MAX_DEPTH}, numbers longer than {@value #MAX_NUMBER} characters, member names longer than
 * {@value #MAX_NAME} bytes and strings longer than {@value #MAX_STRING} bytes are all left to Jackson.
 */
final class JsonSyntax {
    /** Jackson refuses nesting deeper than 1,000 by default. */
    private static final int MAX_DEPTH = 500;
    /** Jackson refuses numbers of more than 1,000 characters by default. */
    private static final int MAX_NUMBER = 500;
    /** Jackson refuses member names of more than 50,000 characters by default. */
    private static final int MAX_NAME = 10_000;
    /** Jackson refuses strings of more than 20,000,000 characters by default. */
    private static final int MAX_STRING = 10_000_000;
    private static final int FAIL = -1;

    private JsonSyntax() {
    }

    /** True when {@code body} is one JSON value, with white space around it at most, that Jackson accepts too. */
    static boolean wellFormed(byte[] body) {
        int at = space(body, 0);
        if (at == body.length) {
            return false;
        }
        at = value(body, at, 0);
        return at != FAIL && space(body, at) == body.length;
    }

    /** Where the value starting at {@code at} ends, or {@link #FAIL}. */
    private static int value(byte[] b, int at, int depth) {
        switch (b[at]) {
            case '{':
                return object(b, at + 1, depth + 1);
            case '[':
                return array(b, at + 1, depth + 1);
            case '"':
                return string(b, at + 1, MAX_STRING);
            case 't':
                return word(b, at, "true");
            case 'f':
                return word(b, at, "false");
            case 'n':
                return word(b, at, "null");
            default:
                return number(b, at);
        }
    }

    private static int object(byte[] b, int at, int depth) {
        if (depth > MAX_DEPTH) {
            return FAIL;
        }
        at = space(b, at);
        if (at < b.length && b[at] == '}') {
            return at + 1;
        }
        while (true) {
            if (at == b.length || b[at] != '"') {
                return FAIL;
            }
            at = space(b, string(b, at + 1, MAX_NAME));
            if (at < 0 || at == b.length || b[at] != ':') {
                return FAIL;
            }
            at = space(b, at + 1);
            if (at == b.length) {
                return FAIL;
            }
            at = space(b, value(b, at, depth));
            if (at < 0 || at == b.length) {
                return FAIL;
            }
            if (b[at] == '}') {
                return at + 1;
            }
            if (b[at] != ',') {
                return FAIL;
            }
            at = space(b, at + 1);
        }
    }

    private static int array(byte[] b, int at, int depth) {
        if (depth > MAX_DEPTH) {
            return FAIL;
        }
        at = space(b, at);
        if (at < b.length && b[at] == ']') {
            return at + 1;
        }
        while (true) {
            if (at == b.length) {
                return FAIL;
            }
            at = space(b, value(b, at, depth));
            if (at < 0 || at == b.length) {
                return FAIL;
            }
            if (b[at] == ']') {
                return at + 1;
            }
            if (b[at] != ',') {
                return FAIL;
            }
            at = space(b, at + 1);
        }
    }

    /** {@code at} is just past the opening quote; the result just past the closing one. */
    private static int string(byte[] b, int at, int limit) {
        int start = at;
        while (at < b.length) {
            int c = b[at];
            if (c == '"') {
                return at - start > limit ? FAIL : at + 1;
            }
            if (c == '\\') {
                at = escape(b, at + 1);
            } else if (c >= 0x20) {
                at++;
            } else if (c < 0) {
                at = multiByte(b, at, c & 0xFF);
            } else {
                return FAIL;
            }
            if (at < 0) {
                return FAIL;
            }
        }
        return FAIL;
    }

    private static int escape(byte[] b, int at) {
        if (at == b.length) {
            return FAIL;
        }
        switch (b[at]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return at + 1;
            case 'u':
                if (at + 4 >= b.length) {
                    return FAIL;
                }
                int unit = 0;
                for (int i = 1; i <= 4; i++) {
                    int digit = Character.digit(b[at + i], 16);
                    if (digit < 0) {
                        return FAIL;
                    }
                    unit = unit << 4 | digit;
                }
                return unit >= 0xD800 && unit <= 0xDFFF ? FAIL : at + 5;
            default:
                return FAIL;
        }
    }

    /** One UTF-8 sequence of two to four bytes, shortest form, no surrogates (RFC 3629's table). */
    private static int multiByte(byte[] b, int at, int lead) {
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                low = 0xA0;
            } else if (lead == 0xED) {
                high = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                low = 0x90;
            } else if (lead == 0xF4) {
                high = 0x8F;
            }
        } else {
            return FAIL;
        }
        if (at + length > b.length) {
            return FAIL;
        }
        int second = b[at + 1] & 0xFF;
        if (second < low || second > high) {
            return FAIL;
        }
        for (int i = 2; i < length; i++) {
            if ((b[at + i] & 0xC0) != 0x80) {
                return FAIL;
            }
        }
        return at + length;
    }

    private static int word(byte[] b, int at, String word) {
        if (at + word.length() > b.length) {
            return FAIL;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[at + i] != word.charAt(i)) {
                return FAIL;
            }
        }
        return at + word.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private static int number(byte[] b, int at) {
        int start = at;
        if (b[at] == '-') {
            at++;
        }
        if (at == b.length) {
            return FAIL;
        }
        if (b[at] == '0') {
            at++;
        } else if (b[at] >= '1' && b[at] <= '9') {
            at = digits(b, at);
        } else {
            return FAIL;
        }
        if (at < b.length && b[at] == '.') {
            int fraction = digits(b, at + 1);
            if (fraction == at + 1) {
                return FAIL;
            }
            at = fraction;
        }
        if (at < b.length && (b[at] == 'e' || b[at] == 'E')) {
            at++;
            if (at < b.length && (b[at] == '+' || b[at] == '-')) {
                at++;
            }
            int exponent = digits(b, at);
            if (exponent == at) {
                return FAIL;
            }
            at = exponent;
        }
        return at - start > MAX_NUMBER ? FAIL : at;
    }

    private static int digits(byte[] b, int at) {
        while (at < b.length && b[at] >= '0' && b[at] <= '9') {
            at++;
        }
        return at;
    }

    /** Past the white space RFC 8259 allows at {@code at}; {@code FAIL} stays {@code FAIL}. */
    private static int space(byte[] b, int at) {
        if (at < 0) {
            return FAIL;
        }
        while (at < b.length) {
            byte c = b[at];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return at;
            }
            at++;
        }
        return at;
    }
}
