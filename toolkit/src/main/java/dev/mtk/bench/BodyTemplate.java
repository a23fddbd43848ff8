package dev.mtk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A request body with values that change per request ({@code --body '{"id":${seq},"key":"${pick:a,b,c}"}'}):
 *
 * <pre>
 * ${seq}             the request's number in the run: 1, 2, 3, ... over all connections
 * ${conn}            the connection's number: 1 .. --connections
 * ${random:MIN..MAX} a whole number from MIN to MAX, both included, new for each request
 * ${pick:A,B,C}      one of the listed texts, chosen at random for each request
 * $${                a literal ${
 * </pre>
 *
 * <p>Values go in as text, exactly where the placeholder stands: a JSON string needs its quotes around the
 * placeholder ({@code "key":"${pick:a,b}"}), a number none. The template is split once into literal parts and
 * placeholders, so a request costs a few appends.
 */
final class BodyTemplate {
    private static final String KNOWN = "${seq}, ${conn}, ${random:MIN..MAX}, ${pick:A,B,...}";

    /** A piece of the template: literal text, or a value chosen per request. */
    private sealed interface Part permits Literal, Seq, Conn, Random, Pick {
        /** Appends its value for request {@code seq} on connection {@code conn}. */
        void append(StringBuilder out, long seq, int conn, RandomGenerator random);

        /** Appends a value to check before the run: its low or high end, or its choice number {@code choice}. */
        void sample(StringBuilder out, boolean high, int choice);
    }

    private record Literal(String text) implements Part {
        @Override
        public void append(StringBuilder out, long seq, int conn, RandomGenerator random) {
            out.append(text);
        }

        @Override
        public void sample(StringBuilder out, boolean high, int choice) {
            out.append(text);
        }
    }

    private record Seq() implements Part {
        @Override
        public void append(StringBuilder out, long seq, int conn, RandomGenerator random) {
            out.append(seq);
        }

        @Override
        public void sample(StringBuilder out, boolean high, int choice) {
            out.append(high ? Long.MAX_VALUE : 1);
        }
    }

    private record Conn() implements Part {
        @Override
        public void append(StringBuilder out, long seq, int conn, RandomGenerator random) {
            out.append(conn);
        }

        @Override
        public void sample(StringBuilder out, boolean high, int choice) {
            out.append(high ? Integer.MAX_VALUE : 1);
        }
    }

    private record Random(long min, long max) implements Part {
        @Override
        public void append(StringBuilder out, long seq, int conn, RandomGenerator random) {
            out.append(random.nextLong(min, max + 1));
        }

        @Override
        public void sample(StringBuilder out, boolean high, int choice) {
            out.append(high ? max : min);
        }
    }

    private record Pick(List<String> choices) implements Part {
        @Override
        public void append(StringBuilder out, long seq, int conn, RandomGenerator random) {
            out.append(choices.get(random.nextInt(choices.size())));
        }

        @Override
        public void sample(StringBuilder out, boolean high, int choice) {
            out.append(choices.get(choice));
        }
    }

    private final String source;
    private final List<Part> parts;

    private BodyTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * The template {@code text} spells.
     *
     * @throws IllegalArgumentException naming the placeholder at fault, its column and the placeholders there are
     */
    static BodyTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            if (text.startsWith("$${", at)) {
                literal.append("${");
                at += 3;
                continue;
            }
            if (!text.startsWith("${", at)) {
                literal.append(text.charAt(at++));
                continue;
            }
            int end = text.indexOf('}', at);
            if (end < 0) {
                throw new IllegalArgumentException("--body: ${ at column " + (at + 1) + " is never closed with }");
            }
            if (!literal.isEmpty()) {
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(placeholder(text.substring(at + 2, end), at + 1));
            at = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new BodyTemplate(text, List.copyOf(parts));
    }

    private static Part placeholder(String inside, int column) {
        String where = "--body: ${" + inside + "} at column " + column;
        int colon = inside.indexOf(':');
        String name = colon < 0 ? inside : inside.substring(0, colon);
        String argument = colon < 0 ? null : inside.substring(colon + 1);
        switch (name) {
            case "seq", "conn" -> {
                if (argument != null) {
                    throw new IllegalArgumentException(where + ": ${" + name + "} takes nothing after it");
                }
                return name.equals("seq") ? new Seq() : new Conn();
            }
            case "random" -> {
                String[] range = argument == null ? new String[0] : argument.split("\\.\\.", -1);
                if (range.length != 2) {
                    throw new IllegalArgumentException(where + ": expected ${random:MIN..MAX}, e.g. ${random:1..100}");
                }
                long min = number(range[0], where);
                long max = number(range[1], where);
                if (max == Long.MAX_VALUE) {
                    throw new IllegalArgumentException(where + ": MAX must be less than " + Long.MAX_VALUE);
                }
                if (min > max) {
                    throw new IllegalArgumentException(where + ": MIN " + min + " is greater than MAX " + max);
                }
                return new Random(min, max);
            }
            case "pick" -> {
                List<String> choices = argument == null ? List.of() : Arrays.asList(argument.split(",", -1));
                if (choices.isEmpty() || choices.stream().anyMatch(String::isEmpty)) {
                    throw new IllegalArgumentException(where + ": expected ${pick:A,B,...} with no empty choice, "
                            + "e.g. ${pick:get,set}");
                }
                return new Pick(List.copyOf(choices));
            }
            default -> throw new IllegalArgumentException(where + ": unknown placeholder (known: " + KNOWN
                    + "; $${ for a literal ${)");
        }
    }

    private static long number(String text, String where) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a whole number");
        }
    }

    /** Whether every request gets the same text: no placeholder at all. */
    boolean fixed() {
        return parts.stream().allMatch(part -> part instanceof Literal);
    }

    /** The body of request {@code seq} on connection {@code conn}. */
    String render(long seq, int conn, RandomGenerator random) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        for (Part part : parts) {
            part.append(out, seq, conn, random);
        }
        return out.toString();
    }

    /**
     * The bodies that try every choice of every {@code ${pick}} once (the other picks at their first choice), and
     * every number at its low and its high end: what is checked against the payload codec before the run.
     */
    List<String> samples() {
        List<String> samples = new ArrayList<>();
        samples.add(sample(-1, 0, false));
        samples.add(sample(-1, 0, true));
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Pick pick) {
                for (int choice = 1; choice < pick.choices().size(); choice++) {
                    samples.add(sample(i, choice, false));
                }
            }
        }
        return samples;
    }

    private String sample(int partIndex, int choice, boolean high) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).sample(out, high, i == partIndex ? choice : 0);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
