package dev.mtk.replay;

import dev.mtk.payload.JsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> diff(String recorded, String received, String... ignore) throws Exception {
        JsonNode a = JSON.readTree(recorded);
        JsonNode b = JSON.readTree(received);
        return new JsonDiff(java.util.Arrays.stream(ignore).map(JsonPath::parse).toList()).compare(a, b);
    }

    @Test
    void equalValuesHaveNoDifferenceAndNumbersCompareByValue() throws Exception {
        assertThat(diff("{\"a\":[1,{\"b\":true}],\"n\":1}", "{\"n\":1.0,\"a\":[1,{\"b\":true}]}")).isEmpty();
    }

    @Test
    void eachDifferenceNamesItsPath() throws Exception {
        assertThat(diff("{\"a\":1,\"gone\":\"x\",\"list\":[1,2],\"odd key\":0}",
                "{\"a\":2,\"list\":[1,3,4],\"extra\":true,\"odd key\":1}")).containsExactly(
                "$.a: recorded 1, received 2",
                "$.gone: recorded \"x\", not received",
                "$.list[1]: recorded 2, received 3",
                "$.list[2]: not recorded, received 4",
                "$['odd key']: recorded 0, received 1",
                "$.extra: not recorded, received true");
    }

    @Test
    void ignoredPathsAreNotCompared() throws Exception {
        assertThat(diff("{\"t\":1,\"in\":{\"ts\":5},\"n\":1}", "{\"t\":2,\"in\":{\"ts\":6},\"n\":1,\"extra\":0}",
                "$.t", "$..ts", "$.extra")).isEmpty();
    }

    @Test
    void differentTypesAtTheRoot() throws Exception {
        assertThat(diff("\"我收到了\"", "{\"n\":1}")).containsExactly("$: recorded \"我收到了\", received {\"n\":1}");
    }
}
