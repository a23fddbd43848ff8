package dev.mtk.repl;

/**
 * Whether typed input is complete: JSON and Groovy go on over several lines until every <code>{</code>, {@code [} and
 * {@code (} is closed. Brackets inside strings do not count; a closing bracket too many never makes the REPL wait.
 */
final class Brackets {
    private Brackets() {
    }

    /**
     * How many brackets are still open in {@code text}. Double quotes start strings; single quotes too in Groovy
     * ({@code groovy}), where {@code 'it's'} is a string but in JSON or text {@code it's} is just a word.
     */
    static int open(CharSequence text, boolean groovy) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || (c == '\'' && groovy)) {
                quote = c;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ']' || c == ')') && depth > 0) {
                depth--;
            }
        }
        return depth;
    }

    /** {@link #open}, reading a line that starts with {@code =} as Groovy. */
    static int open(CharSequence input) {
        return open(input, input.toString().stripLeading().startsWith("="));
    }
}
