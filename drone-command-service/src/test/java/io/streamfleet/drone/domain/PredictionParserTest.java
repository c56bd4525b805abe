package io.streamfleet.drone.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PredictionParserTest {

    static Prediction parse(String json) {
        return PredictionParser.parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheContractExample() {
        Prediction p = parse("{\"headsetId\":\"h1\",\"windowEnd\":1713763502000,\"command\":\"FORWARD\","
                + "\"confidence\":0.91,\"model\":\"bandpower-lda\",\"modelVersion\":\"1\",\"predictedAt\":1713763502010,"
                + "\"reason\":\"model\",\"extra\":true}");
        assertEquals(new Prediction("h1", 1713763502000L, MentalCommand.FORWARD, 0.91, "bandpower-lda", "1",
                1713763502010L, "model"), p);
    }

    @Test
    void aMissingReasonReadsAsModel() {
        Prediction p = parse("{\"headsetId\":\"h1\",\"command\":\"HOVER\",\"confidence\":1,\"predictedAt\":5}");
        assertEquals("model", p.reason());
        assertNull(p.windowEnd());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|body",
            "[1]|body",
            "{\"command\":\"UP\",\"confidence\":0.9,\"predictedAt\":1}|headsetId",
            "{\"headsetId\":\"\",\"command\":\"UP\",\"confidence\":0.9,\"predictedAt\":1}|headsetId",
            "{\"headsetId\":\"h1\",\"confidence\":0.9,\"predictedAt\":1}|command",
            "{\"headsetId\":\"h1\",\"command\":\"JUMP\",\"confidence\":0.9,\"predictedAt\":1}|command",
            "{\"headsetId\":\"h1\",\"command\":\"up\",\"confidence\":0.9,\"predictedAt\":1}|command",
            "{\"headsetId\":\"h1\",\"command\":\"UP\",\"predictedAt\":1}|confidence",
            "{\"headsetId\":\"h1\",\"command\":\"UP\",\"confidence\":\"0.9\",\"predictedAt\":1}|confidence",
            "{\"headsetId\":\"h1\",\"command\":\"UP\",\"confidence\":1.01,\"predictedAt\":1}|confidence",
            "{\"headsetId\":\"h1\",\"command\":\"UP\",\"confidence\":-0.1,\"predictedAt\":1}|confidence",
            "{\"headsetId\":\"h1\",\"command\":\"UP\",\"confidence\":0.9}|predictedAt",
            "{\"headsetId\":\"h1\",\"command\":\"UP\",\"confidence\":0.9,\"predictedAt\":\"soon\"}|predictedAt" })
    void namesTheOffendingField(String json, String field) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> parse(json));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void emptyOrMissingValueIsABodyError() {
        assertEquals("body", assertThrows(InvalidFieldException.class, () -> parse("")).field());
        assertEquals("body", assertThrows(InvalidFieldException.class, () -> parse(null)).field());
    }
}
