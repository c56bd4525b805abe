package io.streamfleet.eeg.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EegFrameValidatorTest {

    private static final EegFrameValidator VALIDATOR = new EegFrameValidator(new FrameRules(Set.of(250, 125), 4, 5, 3));

    private static String frame(String fields) {
        return "{\"headsetId\":\"h1\",\"seq\":42,\"sampleRateHz\":250,\"channels\":[\"C3\",\"C4\"],"
                + "\"firstSampleAt\":1713763500000,\"samples\":[[1.5,-2],[3,4e1]]" + fields + "}";
    }

    /** The valid frame with one field replaced ({@code "name":value}) or removed ({@code value} null). */
    private static String frameWith(String name, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("headsetId", "\"h1\"");
        fields.put("seq", "42");
        fields.put("sampleRateHz", "250");
        fields.put("channels", "[\"C3\",\"C4\"]");
        fields.put("firstSampleAt", "1713763500000");
        fields.put("samples", "[[1.5,-2],[3,4e1]]");
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, value);
        }
        StringJoiner json = new StringJoiner(",", "{", "}");
        fields.forEach((k, v) -> json.add("\"" + k + "\":" + v));
        return json.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static InvalidFieldException rejected(String body) {
        return assertThrows(InvalidFieldException.class, () -> VALIDATOR.parseRequest(utf8(body), "h1"));
    }

    @Test
    void aValidFrameIsRead() {
        EegFrame frame = VALIDATOR.parseRecord(utf8(frame(",\"extra\":true")));
        assertEquals("h1", frame.headsetId());
        assertEquals(42, frame.seq());
        assertEquals(250, frame.sampleRateHz());
        assertEquals(List.of("C3", "C4"), frame.channels());
        assertEquals(1713763500000L, frame.firstSampleAt());
        assertArrayEquals(new double[] { 1.5, -2 }, frame.samples()[0]);
        assertArrayEquals(new double[] { 3, 40 }, frame.samples()[1]);
    }

    @Test
    void aRequestMayCarryOneFrameOrABatch() {
        assertEquals(1, VALIDATOR.parseRequest(utf8(frame("")), "h1").size());
        List<EegFrame> batch = VALIDATOR.parseRequest(utf8("[" + frame("") + "," + frame("").replace("42", "43") + "]"),
                "h1");
        assertEquals(List.of(42L, 43L), batch.stream().map(EegFrame::seq).toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"samples\":[[1,2],[3,4],[5,6,7]]                 | samples[2]",
            "\"samples\":[[1,2],[3]]                           | samples[1]",
            "\"samples\":[[1,2],5]                             | samples[1]",
            "\"samples\":[]                                    | samples",
            "\"samples\":[[1,2],[3,4],[5,6],[7,8],[9,0],[1,2]] | samples",
            "\"samples\":[[1,NaN]]                             | samples[0][1]",
            "\"samples\":[[Infinity,1]]                        | samples[0][0]",
            "\"samples\":[[1,-Infinity]]                       | samples[0][1]",
            "\"samples\":[[1,1e400]]                           | samples[0][1]",
            "\"samples\":[[1,\"2\"]]                           | samples[0][1]",
            "\"sampleRateHz\":500                              | sampleRateHz",
            "\"sampleRateHz\":250.5                            | sampleRateHz",
            "\"seq\":-1                                        | seq",
            "\"seq\":null                                      | seq",
            "\"seq\":\"7\"                                     | seq",
            "\"channels\":[\"C3\",\"C3\"]                      | channels[1]",
            "\"channels\":[\"C3\",\"\"]                        | channels[1]",
            "\"channels\":[\"C3\",7]                           | channels[1]",
            "\"channels\":[]                                   | channels",
            "\"channels\":[\"a\",\"b\",\"c\",\"d\",\"e\"]      | channels",
            "\"firstSampleAt\":-5                              | firstSampleAt",
            "\"headsetId\":\"h2\"                              | headsetId",
            "\"headsetId\":\"\"                                | headsetId",
            "\"headsetId\":17                                  | headsetId",
    })
    void violationsNameTheField(String override, String field) {
        String name = override.substring(1, override.indexOf('"', 1));
        String body = frameWith(name, override.substring(override.indexOf(':') + 1));
        InvalidFieldException e = rejected(body);
        assertEquals(field, e.field(), body + " -> " + e.getMessage());
    }

    @Test
    void missingFieldsAreRequired() {
        for (String name : List.of("headsetId", "seq", "sampleRateHz", "channels", "firstSampleAt", "samples")) {
            String body = frameWith(name, null);
            assertEquals(name, rejected(body).field(), body);
        }
    }

    @Test
    void nonFiniteValuesSayWhatIsWrong() {
        InvalidFieldException e = rejected(frame("").replace("[1.5,-2]", "[NaN,-2]"));
        assertEquals("samples[0][0]", e.field());
        assertEquals("must be a finite number (µV), not NaN", e.reason());
    }

    @Test
    void batchErrorsNameTheFrame() {
        String bad = frame("").replace("\"seq\":42", "\"seq\":-3");
        assertEquals("[1].seq", rejected("[" + frame("") + "," + bad + "]").field());
        assertEquals("[0]", rejected("[7]").field());
    }

    @Test
    void framesOfABatchMustBeInSeqOrder() {
        String later = frame("").replace("\"seq\":42", "\"seq\":43");
        InvalidFieldException e = rejected("[" + later + "," + frame("") + "]");
        assertEquals("[1].seq", e.field());
        assertEquals("[1].seq", rejected("[" + frame("") + "," + frame("") + "]").field(), "a duplicate too");
    }

    @Test
    void oversizeAndEmptyBatchesAreRejected() {
        String four = "[" + String.join(",", List.of(frame(""), frame("").replace("42", "43"),
                frame("").replace("42", "44"), frame("").replace("42", "45"))) + "]";
        InvalidFieldException e = rejected(four);
        assertEquals("body", e.field());
        assertEquals("has 4 frames; at most 3 are accepted per request", e.reason());
        assertEquals("body", rejected("[]").field());
    }

    @Test
    void malformedJsonIsABodyError() {
        assertEquals("body", rejected("{\"headsetId\":").field());
        assertEquals("body", rejected("\"just a string\"").field());
        assertEquals("body", assertThrows(InvalidFieldException.class,
                () -> VALIDATOR.parseRequest(new byte[0], "h1")).field());
    }

    @Test
    void aRecordHoldsExactlyOneFrame() {
        assertEquals("body", assertThrows(InvalidFieldException.class,
                () -> VALIDATOR.parseRecord(utf8("[" + frame("") + "]"))).field());
        assertEquals("body", assertThrows(InvalidFieldException.class, () -> VALIDATOR.parseRecord(null)).field());
    }
}
