package dev.mtk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * A command's {@code --help}: the usage line, the summary, the command's own options, then the shared ones, {@code -h}
 * last, then examples; every line fits the terminal ({@code COLUMNS}, else 80 columns).
 *
 * <p>Not commons-cli's {@code HelpFormatter}: it lists options in one block, so the shared ones could not come after
 * the command's own, and its left column grows with the longest option, leaving descriptions 30 columns at 80.
 */
final class Help {
    static final int DEFAULT_WIDTH = 80;
    private static final int MIN_WIDTH = 40;
    /** Past this the description starts on a line of its own. */
    private static final int MAX_LEFT = 32;
    private static final int MIN_DESCRIPTION = 24;
    private static final Set<String> SHARED = sharedNames();

    private Help() {
    }

    /** {@code COLUMNS} when it is a sensible number, else 80. */
    static int width(Console console) {
        String columns = console.env().get("COLUMNS");
        if (columns != null) {
            try {
                int width = Integer.parseInt(columns.trim());
                if (width >= MIN_WIDTH) {
                    return width;
                }
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return DEFAULT_WIDTH;
    }

    static void print(Command command, PrintStream out, int width) {
        List<String> lines = new ArrayList<>();
        lines.addAll(wrap("usage: mtk " + command.name() + " " + command.arguments(), width, "", "         "));
        lines.addAll(wrap(command.summary(), width, "", ""));
        for (Command sub : command.subcommands().values()) {
            lines.add("");
            lines.addAll(wrap("mtk " + sub.name() + " " + sub.arguments() + ": " + sub.summary() + " (mtk " + sub.name()
                    + " --help)", width, "", "  "));
        }
        List<Option> own = new ArrayList<>();
        List<Option> shared = new ArrayList<>();
        Option help = null;
        for (Option option : command.options().getOptions()) {
            if (CommonOptions.HELP.equals(option.getLongOpt())) {
                help = option;
            } else if (SHARED.contains(option.getLongOpt())) {
                shared.add(option);
            } else {
                own.add(option);
            }
        }
        if (help != null) {
            shared.add(help);
        }
        int left = 0;
        for (Option option : command.options().getOptions()) {
            left = Math.max(left, left(option).length());
        }
        left = Math.min(left, MAX_LEFT);
        section(lines, "options:", own, left, width);
        section(lines, own.isEmpty() ? "options:" : "shared options:", shared, left, width);
        lines.add("");
        lines.add("examples:");
        for (String example : command.examples()) {
            // As written, aligned comments and all, when it fits.
            lines.addAll(example.length() + 2 <= width ? List.of("  " + example) : wrap(example, width, "  ", "      "));
        }
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
    }

    private static void section(List<String> lines, String title, List<Option> options, int left, int width) {
        if (options.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title);
        boolean below = width - left - 2 < MIN_DESCRIPTION;
        for (Option option : options) {
            String head = left(option);
            if (below || head.length() > left) {
                lines.add(head);
                lines.addAll(wrap(option.getDescription(), width, " ".repeat(8), " ".repeat(8)));
            } else {
                String indent = " ".repeat(left + 2);
                List<String> description = wrap(option.getDescription(), width, indent, indent);
                description.set(0, head + description.get(0).substring(head.length()));
                lines.addAll(description);
            }
        }
    }

    /** {@code   -H, --host <HOST>}. */
    private static String left(Option option) {
        StringBuilder text = new StringBuilder("  ");
        text.append(option.getOpt() != null ? "-" + option.getOpt() + ", " : "    ");
        text.append("--").append(option.getLongOpt());
        if (option.hasArg()) {
            text.append(" <").append(option.getArgName()).append('>');
        }
        return text.toString();
    }

    /** {@code text} in lines of at most {@code width} columns, split at spaces; a longer word stands alone. */
    static List<String> wrap(String text, int width, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** The options several commands share, listed after each command's own. */
    private static Set<String> sharedNames() {
        Set<String> names = new HashSet<>();
        for (Options options : new Options[] {CommonOptions.addServer(new Options()), CommonOptions.addClient(new Options()),
            ListenOptions.addTo(new Options()), CodecOptions.addTo(new Options())}) {
            for (Option option : options.getOptions()) {
                names.add(option.getLongOpt());
            }
        }
        return names;
    }
}
