package io.streamfleet.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.restassured.path.json.JsonPath;

/** What the drone-command-service decided, read back from its audit topic {@code drone-commands}. */
final class DecisionAudit {

    /** drone-command-service's defaults: max-prediction-age (EEG_MAX_AGE) and the clock skew (EEG_CLOCK_SKEW). */
    static final long MAX_EEG_AGE_MS = 2000;
    static final long CLOCK_SKEW_MS = 500;

    private DecisionAudit() {
    }

    static List<JsonPath> decisions(String bootstrap) {
        return TopicReader.readAll(bootstrap, "drone-commands", Duration.ofSeconds(30)).stream()
                .map(r -> new JsonPath(r.value())).toList();
    }

    /**
     * Every prediction-driven SEND decided since {@code since} (epoch ms) rests on EEG no older than the limit, and
     * names it; returns the decisions checked.
     */
    static List<JsonPath> assertEveryMoveOnFreshEeg(String bootstrap, long since) {
        List<JsonPath> decided = decisions(bootstrap).stream().filter(d -> d.getLong("issuedAt") >= since).toList();
        for (JsonPath d : decided) {
            if (!"SEND".equals(d.getString("action")) || d.get("prediction") == null) {
                continue;
            }
            assertTrue(d.get("originProducedAt") != null, "a prediction-driven SEND without the age of its EEG: "
                    + d.prettify());
            long age = d.getLong("issuedAt") - d.getLong("originProducedAt");
            assertTrue(age <= MAX_EEG_AGE_MS && age >= -CLOCK_SKEW_MS, "a command on EEG " + age + " ms old: "
                    + d.prettify());
        }
        return decided;
    }
}
