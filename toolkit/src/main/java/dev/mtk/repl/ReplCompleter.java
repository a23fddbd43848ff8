package dev.mtk.repl;

import dev.mtk.exchange.Exchange;
import dev.mtk.session.Profile;
import java.util.Collection;
import java.util.List;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names first; then what each command takes: session ids for {@code use} and
 * {@code close}, codec names for {@code payload} and {@code connect}'s options, profile and exchange names, a
 * correlation to start from ({@code $.id}), {@code on}/{@code off},
 * and file paths for {@code load}.
 */
final class ReplCompleter implements Completer {
    private final Commands commands;
    private final Completer files = new Completers.FileNameCompleter();

    ReplCompleter(Commands commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            int width = Usage.names().stream().mapToInt(String::length).max().orElse(0);
            for (Usage usage : Usage.ALL) {
                candidates.add(described(usage.name(), width, usage.summary()));
            }
            return;
        }
        String command = line.words().get(0);
        String previous = line.words().get(line.wordIndex() - 1);
        switch (command) {
            case "use", "close" -> {
                if (line.wordIndex() == 1) {
                    Collection<ReplSession> sessions = commands.sessions().all();
                    int width = sessions.stream().mapToInt(session -> String.valueOf(session.getId()).length()).max().orElse(0);
                    for (ReplSession session : sessions) {
                        candidates.add(described(String.valueOf(session.getId()), width,
                                session.getPeer() + " " + session.getState()));
                    }
                }
            }
            case "payload" -> words(commands.payloadNames(), candidates);
            case "hex" -> words(List.of("on", "off"), candidates);
            case "help" -> words(Usage.names(), candidates);
            case "load" -> files.complete(reader, line, candidates);
            case "connect" -> {
                switch (previous) {
                    case "--profile" -> words(Profile.names(), candidates);
                    case "--framing" -> words(commands.framingNames(), candidates);
                    case "--payload" -> words(commands.payloadNames(), candidates);
                    case "--exchange" -> words(Exchange.labels(), candidates);
                    case "--correlate" -> words(List.of("$.id"), candidates);
                    default -> words(Commands.CONNECT_OPTIONS, candidates);
                }
            }
            default -> {
                // sends and expressions: nothing to offer
            }
        }
    }

    /**
     * A candidate shown as {@code VALUE  DESCRIPTION}, the value padded to {@code width}: jline right-aligns a
     * candidate's own description in its column, so descriptions of different lengths started at different places.
     */
    private static Candidate described(String value, int width, String description) {
        String display = value + " ".repeat(width - value.length()) + "  " + description;
        return new Candidate(value, display, null, null, null, null, true);
    }

    private static void words(List<String> words, List<Candidate> candidates) {
        for (String word : words) {
            candidates.add(new Candidate(word));
        }
    }
}
