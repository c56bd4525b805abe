package io.streamfleet.drone.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.streamfleet.drone.config.DroneConfig;

/**
 * Signs every decision this service writes to {@code drone-commands} (HMAC-SHA256 of the record value, header
 * {@value #HEADER}) and verifies it before the Tello link acts on a record: a writer without the key cannot put a
 * command on the air, however well it imitates the policy. The key is {@code DRONE_COMMAND_SIGNING_KEY}; without it
 * each process makes its own, which is enough when one instance both decides and links (the deployment's shape),
 * and makes records of an earlier run unverifiable, so a restart never acts on them.
 */
@ApplicationScoped
public class DecisionSigner {

    static final String HEADER = "signature";
    private static final Logger LOG = Logger.getLogger(DecisionSigner.class);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    @Inject
    public DecisionSigner(DroneConfig config) {
        this(config.link().signingKey());
    }

    DecisionSigner(Optional<String> configured) {
        byte[] secret;
        if (configured.isPresent() && !configured.get().isBlank()) {
            secret = configured.get().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 16) {
                throw new IllegalArgumentException("DRONE_COMMAND_SIGNING_KEY must be at least 16 bytes");
            }
        } else {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            LOG.info("drone-commands are signed with a key of this process (DRONE_COMMAND_SIGNING_KEY is not set): "
                    + "only this instance's link accepts them");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    byte[] sign(byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getEncoder().encode(mac.doFinal(value == null ? new byte[0] : value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    /** True when {@code signature} (the header's bytes, null if missing) is this key's signature of {@code value}. */
    boolean verify(byte[] value, byte[] signature) {
        return signature != null && MessageDigest.isEqual(sign(value), signature);
    }
}
