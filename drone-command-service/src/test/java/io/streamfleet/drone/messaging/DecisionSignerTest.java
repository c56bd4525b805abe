package io.streamfleet.drone.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DecisionSignerTest {

    static final byte[] VALUE = "{\"commandId\":\"c1\",\"sdk\":\"land\"}".getBytes(StandardCharsets.UTF_8);
    final DecisionSigner signer = new DecisionSigner(Optional.of("a-key-of-at-least-16-bytes"));

    @Test
    void itsOwnSignatureVerifies() {
        assertTrue(signer.verify(VALUE, signer.sign(VALUE)));
        assertTrue(new DecisionSigner(Optional.of("a-key-of-at-least-16-bytes")).verify(VALUE, signer.sign(VALUE)),
                "instances sharing the key verify each other's records");
    }

    @Test
    void aMissingForeignOrTamperedSignatureDoesNot() {
        assertFalse(signer.verify(VALUE, null));
        assertFalse(signer.verify(VALUE, new byte[0]));
        assertFalse(signer.verify(VALUE, new DecisionSigner(Optional.of("another-key-of-16-bytes")).sign(VALUE)));
        byte[] tampered = "{\"commandId\":\"c1\",\"sdk\":\"flip\"}".getBytes(StandardCharsets.UTF_8);
        assertFalse(signer.verify(tampered, signer.sign(VALUE)));
    }

    @Test
    void withoutAConfiguredKeyEachProcessHasItsOwn() {
        DecisionSigner one = new DecisionSigner(Optional.empty());
        DecisionSigner other = new DecisionSigner(Optional.empty());
        assertTrue(one.verify(VALUE, one.sign(VALUE)));
        assertFalse(other.verify(VALUE, one.sign(VALUE)));
    }

    @Test
    void aShortKeyIsRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionSigner(Optional.of("short")));
    }
}
