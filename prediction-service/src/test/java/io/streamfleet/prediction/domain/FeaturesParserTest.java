package io.streamfleet.prediction.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class FeaturesParserTest {

    static final String CONTRACT_EXAMPLE = """
            {"headsetId":"h1","windowStart":1713763500000,"windowEnd":1713763502000,"sampleRateHz":250,
             "channels":["Fp1","Fp2"],
             "bands":{"Fp1":{"delta":12.1,"theta":5.3,"alpha":9.8,"beta":2.2,"gamma":0.4},
                      "Fp2":{"delta":11.0,"theta":5.0,"alpha":9.0,"beta":2.0,"gamma":0}},
             "quality":{"ok":false,"droppedFrames":2,"railingChannels":["Fp2"],"flatChannels":[]},"future":1}""";

    private static EegFeatures parse(String json) {
        return FeaturesParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String fieldOf(String json) {
        return assertThrows(InvalidFieldException.class, () -> parse(json)).field();
    }

    @Test
    void contractExampleIsRead() {
        EegFeatures f = parse(CONTRACT_EXAMPLE);
        assertEquals("h1", f.headsetId());
        assertEquals(1713763502000L, f.windowEnd());
        assertEquals(List.of("Fp1", "Fp2"), f.channels());
        assertEquals(9.8, f.bands().get("Fp1").get("alpha"));
        assertEquals(0.0, f.bands().get("Fp2").get("gamma"));
        assertFalse(f.quality().ok());
        assertEquals(2, f.quality().droppedFrames());
        assertEquals(List.of("Fp2"), f.quality().railingChannels());
    }

    @Test
    void brokenRecordsNameTheirField() {
        assertEquals("body", fieldOf("not json"));
        assertEquals("body", fieldOf("[1,2]"));
        assertEquals("headsetId", fieldOf(CONTRACT_EXAMPLE.replace("\"headsetId\":\"h1\",", "")));
        assertEquals("windowEnd", fieldOf(CONTRACT_EXAMPLE.replace("1713763502000", "1713763400000")));
        assertEquals("sampleRateHz", fieldOf(CONTRACT_EXAMPLE.replace("\"sampleRateHz\":250", "\"sampleRateHz\":0")));
        assertEquals("channels", fieldOf(CONTRACT_EXAMPLE.replace("[\"Fp1\",\"Fp2\"]", "[]")));
        assertEquals("channels", fieldOf(CONTRACT_EXAMPLE.replace("[\"Fp1\",\"Fp2\"]", "[\"Fp1\",\"Fp1\"]")));
        assertEquals("bands.Fp2", fieldOf(CONTRACT_EXAMPLE.replace("\"Fp2\":{", "\"Fx\":{")));
        assertEquals("bands.Fp1.beta", fieldOf(CONTRACT_EXAMPLE.replace("\"beta\":2.2", "\"beta\":-1")));
        assertEquals("bands.Fp1.beta", fieldOf(CONTRACT_EXAMPLE.replace("\"beta\":2.2", "\"beta\":\"2.2\"")));
        assertEquals("quality.ok", fieldOf(CONTRACT_EXAMPLE.replace("\"ok\":false", "\"ok\":\"no\"")));
        assertEquals("quality", fieldOf(CONTRACT_EXAMPLE.replaceAll("\"quality\":\\{[^}]*}", "\"quality\":null")));
        assertEquals("body", assertThrows(InvalidFieldException.class, () -> FeaturesParser.parse(new byte[0])).field());
    }
}
