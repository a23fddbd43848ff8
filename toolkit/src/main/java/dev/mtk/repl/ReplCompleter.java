package dev.mtk.repl;

import dev.mtk.session.Profile;
import java.util.List;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names first; then what each command takes: session ids for {@code use} and
 * {@code close}, codec names for {@code payload} and {@code connect}'s options, profile names, {@code on}/{@code off},
 * and file paths for {@code load}.
 */
final class ReplCompleter implements Completer {
    private static final List<String> CONNECT_OPTIONS = List.of("--profile", "--framing", "--payload");

    private final Commands commands;
    private final Completer files = new Completers.FileNameCompleter();

    ReplCompleter(Commands commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (Usage usage : Usage.ALL) {
                candidates.add(new Candidate(usage.name(), usage.name(), null, usage.summary(), null, null, true));
            }
            return;
        }
        String command = line.words().get(0);
        String previous = line.words().get(line.wordIndex() - 1);
        switch (command) {
            case "use", "close" -> {
                if (line.wordIndex() == 1) {
                    for (ReplSession session : commands.sessions().all()) {
                        String id = String.valueOf(session.getId());
                        candidates.add(new Candidate(id, id, null, session.getPeer() + " " + session.getState(), null,
                                null, true));
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
                    default -> words(CONNECT_OPTIONS, candidates);
                }
            }
            default -> {
                // sends and expressions: nothing to offer
            }
        }
    }

    private static void words(List<String> words, List<Candidate> candidates) {
        for (String word : words) {
            candidates.add(new Candidate(word));
        }
    }
}
