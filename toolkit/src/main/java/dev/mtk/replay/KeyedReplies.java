package dev.mtk.replay;

import dev.mtk.record.Direction;
import dev.mtk.record.Recorded;
import dev.mtk.record.Recording;
import dev.mtk.session.Profile;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which recorded reply answers which recorded request, by the correlation key: a reply goes with the latest request
 * of its connection that had its key. Without a correlation, or for a reply whose key no request had, there is no
 * pair, and the reply is taken in its place. A request answered by key gets a name for the script ({@code c1s2}: the
 * second message sent on connection 1).
 */
final class KeyedReplies {
    private final Map<Recorded.Unit, Recorded.Unit> requestOf = new IdentityHashMap<>();
    private final Map<Recorded.Unit, Integer> replies = new IdentityHashMap<>();
    private final Map<Recorded.Unit, String> names = new IdentityHashMap<>();

    KeyedReplies(Recording recording, Profile profile) {
        if (!profile.correlation().present()) {
            return;
        }
        for (List<Recorded> events : recording.connections().values()) {
            Map<String, Recorded.Unit> latest = new HashMap<>();
            Map<Recorded.Unit, Integer> sent = new IdentityHashMap<>();
            for (Recorded event : events) {
                if (!(event instanceof Recorded.Unit unit) || !unit.isMessage()) {
                    continue;
                }
                if (unit.dir() == Direction.CLIENT_TO_SERVER) {
                    sent.put(unit, sent.size() + 1);
                }
                String key = unit.key(profile);
                if (key == null) {
                    continue;
                }
                if (unit.dir() == Direction.CLIENT_TO_SERVER) {
                    latest.put(key, unit);
                } else if (latest.containsKey(key)) {
                    Recorded.Unit request = latest.get(key);
                    requestOf.put(unit, request);
                    replies.merge(request, 1, Integer::sum);
                    names.put(request, "c" + unit.conn() + "s" + sent.get(request));
                }
            }
        }
    }

    /** The request {@code reply} answers, or {@code null} when it is taken in its place. */
    Recorded.Unit requestOf(Recorded.Unit reply) {
        return requestOf.get(reply);
    }

    /** Whether {@code reply} is the one reply to {@code request}. */
    boolean onlyReply(Recorded.Unit request, Recorded.Unit reply) {
        return requestOf.get(reply) == request && replies.get(request) == 1;
    }

    /** What the script calls what {@code request}'s send returned; {@code null} when no reply is paired with it. */
    String name(Recorded.Unit request) {
        return names.get(request);
    }
}
