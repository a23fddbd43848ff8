package dev.mtk.script;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.GString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.runtime.GStringImpl;
import org.junit.jupiter.api.Test;

class ScriptValuesTest {
    private static GString gstring(String before, Object value) {
        return new GStringImpl(new Object[] {value}, new String[] {before, ""});
    }

    @Test
    void aValueWithNothingToChangeIsEncodedAsItIsWithoutACopy() {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("value", Map.of("n", 1, "list", List.of("a", 2)));

        assertThat(ScriptValues.plainNow(reply)).isSameAs(reply);
    }

    @Test
    void aGStringDeepInsideIsTurnedIntoItsText() {
        Map<String, Object> reply = Map.of("errors", List.of(Map.of("why", gstring("no such key: ", "k"))));

        Object plain = ScriptValues.plainNow(reply);

        assertThat(plain).isEqualTo(Map.of("errors", List.of(Map.of("why", "no such key: k"))));
        assertThat(((Map<?, ?>) ((List<?>) ((Map<?, ?>) plain).get("errors")).get(0)).get("why")).isInstanceOf(String.class);
    }

    @Test
    void aGStringKeyIsTurnedIntoItsText() {
        Object plain = ScriptValues.plainNow(Map.of(gstring("k", 1), 1));

        assertThat(plain).isEqualTo(Map.of("k1", 1));
        assertThat(((Map<?, ?>) plain).keySet().iterator().next()).isInstanceOf(String.class);
    }

    @Test
    void arraysAndSetsBecomeListsAsPlainMakesThem() {
        assertThat(ScriptValues.plainNow(Map.of("a", new Object[] {1, 2}))).isEqualTo(Map.of("a", List.of(1, 2)));
        assertThat(ScriptValues.plainNow(Set.of("x"))).isEqualTo(List.of("x"));
    }
}
