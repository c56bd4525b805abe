package io.streamfleet.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile input: the strings, JSON documents and byte sequences that clients get wrong or that
 * attackers send on purpose. Each generator is shrinkable jqwik material, sampled here outside a property (the
 * services run once for all endpoints, so one JUnit test drives many samples).
 */
final class HostileGenerators {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Strings an id field or path segment should never choke on. */
    static final List<String> NASTY = List.of("../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e",
            "' OR '1'='1", "\"; DROP TABLE orders; --", "{\"$gt\":\"\"}", "$where", "${jndi:ldap://127.0.0.1/x}",
            "#{7*7}", "<script>alert(1)</script>", "\u0000", "\r\nX-Injected: 1", "null", "undefined", "NaN",
            "Infinity", "-1", "0", "9223372036854775808", "1e309", "\uFEFF", "\uD83D\uDE00", "\u202Eevil", " ",
            "\t", "%00", "%", "?", "#", ";", "&", "=", "/", "//", ".", "..", "~", "*", "\\", "\"", "'", "`");

    private HostileGenerators() {
    }

    /** Any text: unicode (control characters and surrogates included), ASCII, long runs, and the nasty list. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.of(NASTY)),
                Tuple.of(1, Arbitraries.strings().ascii().ofMinLength(129).ofMaxLength(1_000)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8)),
                Tuple.of(1, Combinators.combine(Arbitraries.of(NASTY), Arbitraries.strings().alpha().ofMaxLength(8))
                        .as((nasty, word) -> word + nasty + word)));
    }

    /** A JSON value of the wrong kind for whatever field it lands in. */
    static Arbitrary<Object> wrongValue() {
        return Arbitraries.oneOf(
                hostileText().map(text -> (Object) text),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just((Object) null),
                Arbitraries.of(new RawJson("NaN"), new RawJson("Infinity"), new RawJson("-Infinity"),
                        new RawJson("1e400"), new RawJson("-0"), new RawJson("123456789012345678901234567890"),
                        new RawJson("0.0000000000000000000000000000001"), new RawJson("[]"), new RawJson("{}"))
                        .map(raw -> (Object) raw),
                Arbitraries.integers().between(1_000, 20_000).map(n -> (Object) new RawJson("\"" + "x".repeat(n) + "\"")),
                Arbitraries.integers().between(1_000, 5_000).map(n -> (Object) new RawJson(
                        "[" + "1,".repeat(n) + "1]")),
                Arbitraries.integers().between(1, 3).map(n -> (Object) List.of("a", 1, Map.of("k", n))));
    }

    /** Nested arrays/objects {@code depth} deep, past any sane parser limit at the top end. */
    static Arbitrary<String> deeplyNested() {
        return Combinators.combine(Arbitraries.integers().between(50, 3_000), Arbitraries.of("[", "{\"a\":"))
                .as((depth, open) -> open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth));
    }

    /** Random bytes: not UTF-8, not JSON. */
    static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4_096);
    }

    /** JSON documents that are not objects: top-level scalars, arrays, empty input. */
    static Arbitrary<String> notAnObject() {
        return Arbitraries.of("", " ", "null", "true", "1", "-1.5e3", "\"text\"", "[]", "[1,2,3]", "[{}]", "{}",
                "{\"\":null}", "NaN", "Infinity", "{'single':'quotes'}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1}{\"b\":2}",
                "\uFEFF{}", "{\"a\":\"\\ud800\"}");
    }

    /**
     * A valid document broken one way: truncated, a field removed, a field given a wrong value, an unknown field
     * added, or a duplicate field. The boolean says whether the result may still be valid (an added field is fine).
     */
    static Arbitrary<Mutated> mutate(Map<String, Object> valid) {
        List<String> fields = List.copyOf(valid.keySet());
        Arbitrary<Mutated> truncated = Arbitraries.integers().between(0, json(valid).length() - 1)
                .map(cut -> new Mutated(json(valid).substring(0, cut), false));
        Arbitrary<Mutated> removed = Arbitraries.of(fields).map(field -> {
            Map<String, Object> copy = new LinkedHashMap<>(valid);
            copy.remove(field);
            return new Mutated(json(copy), true);
        });
        Arbitrary<Mutated> wrong = Combinators.combine(Arbitraries.of(fields), wrongValue()).as((field, value) -> {
            Map<String, Object> copy = new LinkedHashMap<>(valid);
            copy.put(field, value);
            return new Mutated(json(copy), true);
        });
        Arbitrary<Mutated> extra = Combinators.combine(hostileText(), wrongValue()).as((field, value) -> {
            Map<String, Object> copy = new LinkedHashMap<>(valid);
            copy.put(field, value);
            return new Mutated(json(copy), true);
        });
        Arbitrary<Mutated> duplicate = Combinators.combine(Arbitraries.of(fields), wrongValue()).as((field, value) ->
                new Mutated(json(valid).substring(0, json(valid).length() - 1) + ",\"" + field + "\":" + json(value)
                        + "}", true));
        return Arbitraries.frequencyOf(Tuple.of(2, truncated), Tuple.of(2, removed),
                Tuple.of(5, wrong), Tuple.of(1, extra), Tuple.of(1, duplicate));
    }

    record Mutated(String body, boolean mayBeValid) {
    }

    /** JSON text written as is (NaN, 1e400, ...): what Jackson would refuse to write itself. */
    record RawJson(String text) {
    }

    static String json(Object value) {
        if (value instanceof RawJson raw) {
            return raw.text();
        }
        if (value instanceof Map<?, ?> map && map.values().stream().anyMatch(RawJson.class::isInstance)) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((key, field) -> out.append(out.length() > 1 ? "," : "").append(json(String.valueOf(key)))
                    .append(':').append(json(field)));
            return out.append('}').toString();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
