package io.streamfleet.drone.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamfleet.drone.config.DroneConfig;
import io.streamfleet.drone.domain.DroneCommand;
import io.streamfleet.drone.domain.Fleet;
import io.streamfleet.drone.domain.InvalidFieldException;
import io.streamfleet.drone.domain.Prediction;
import io.streamfleet.drone.domain.PredictionParser;

/**
 * {@code prediction-results} -> safety policy -> {@code drone-commands}, one record at a time in partition order
 * (a headset's predictions share a partition). Contract violations are parked on the dead-letter topic; predictions
 * of headsets paired with no drone are counted and skipped (they are valid, just not ours). A record is acknowledged
 * once its decision is on the topic.
 */
@ApplicationScoped
public class PredictionsConsumer {

    private static final Logger LOG = Logger.getLogger(PredictionsConsumer.class);

    private final Fleet fleet;
    private final CommandDispatcher dispatcher;
    private final PredictionDeadLetters deadLetters;
    private final Clock clock;
    private final Duration maxPredictionAge;
    private final Timer decisionLatency;
    private final Counter unpaired;
    private final Counter deadLettered;
    private final Counter unrecorded;
    private final Set<String> reportedUnpaired = ConcurrentHashMap.newKeySet();

    public PredictionsConsumer(Fleet fleet, CommandDispatcher dispatcher, PredictionDeadLetters deadLetters,
            DroneConfig config, Clock clock, MeterRegistry registry) {
        this.fleet = fleet;
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.maxPredictionAge = config.policy().maxPredictionAge();
        this.decisionLatency = TelloLink.latencyTimer(registry, "streamfleet_drone_decision_latency",
                "prediction produced -> safety policy decision");
        this.unpaired = registry.counter("streamfleet_drone_predictions_unpaired");
        this.deadLettered = registry.counter("streamfleet_drone_predictions_dead_lettered");
        this.unrecorded = registry.counter("streamfleet_drone_decisions_unrecorded");
    }

    @Incoming("predictions")
    public Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        Prediction prediction;
        try {
            prediction = PredictionParser.parse(record.getPayload());
        } catch (InvalidFieldException e) {
            long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
            LOG.warnf("prediction record %s-%d@%d goes to the dead-letter topic: %s", record.getTopic(),
                    record.getPartition(), offset, e.getMessage());
            return deadLetters.park(record, offset, e)
                    .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                    .invoke(() -> deadLettered.increment())
                    .chain(() -> Uni.createFrom().completionStage(record.ack()));
        }
        var drone = fleet.pairedWith(prediction.headsetId());
        if (drone.isEmpty()) {
            unpaired.increment();
            if (reportedUnpaired.size() < 1000 && reportedUnpaired.add(prediction.headsetId())) {
                LOG.warnf("predictions of headset %s are skipped: it is paired with no drone "
                        + "(streamfleet.drone.drones.\"<id>\".headset); counted in "
                        + "streamfleet_drone_predictions_unpaired_total", prediction.headsetId());
            }
            return Uni.createFrom().completionStage(record.ack());
        }
        long producedAt = RecordHeaderValues.epochMillis(record.getHeaders(), RecordHeaderValues.PRODUCED_AT)
                .orElse(prediction.predictedAt());
        // Freshness is judged from the EEG behind the prediction, never from when a stage published it.
        OptionalLong origin = RecordHeaderValues.epochMillis(record.getHeaders(),
                RecordHeaderValues.ORIGIN_PRODUCED_AT);
        DroneCommand decision = drone.get().policy().onPrediction(prediction, origin);
        decisionLatency.record(Duration.ofMillis(Math.max(0, clock.millis() - producedAt)));
        // A decision older than the prediction age limit is worthless to the drone: stop retrying then, say so loudly.
        // The record is acknowledged once its decision is on drone-commands, but the next prediction does not wait for
        // that round trip: decisions are made in partition order here and the producer keeps their order, while
        // waiting for each acknowledgement capped the service at one decision per broker round trip.
        dispatcher.dispatchPredicted(decision, origin)
                .onFailure().retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
                .expireIn(maxPredictionAge.toMillis())
                .onFailure().recoverWithUni(failure -> {
                    unrecorded.increment();
                    LOG.errorf("decision %s for drone %s could not be written to drone-commands: %s",
                            decision.commandId(), decision.droneId(), failure.getMessage());
                    return Uni.createFrom().voidItem();
                })
                .subscribe().with(ignored -> record.ack(), record::nack);
        return Uni.createFrom().voidItem();
    }
}
