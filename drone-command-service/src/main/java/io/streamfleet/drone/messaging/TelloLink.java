package io.streamfleet.drone.messaging;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.function.ToDoubleFunction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamfleet.drone.config.DroneConfig;
import io.streamfleet.drone.domain.DroneCommand;
import io.streamfleet.drone.domain.DroneTelemetry;
import io.streamfleet.drone.domain.Fleet;
import io.streamfleet.drone.domain.FlightState;
import io.streamfleet.drone.domain.LinkGuard;
import io.streamfleet.drone.store.SentCommandLog;

/**
 * The Tello UDP link: reads {@code drone-commands} and sends the {@code SEND} records of the drones this instance
 * links ({@code streamfleet.drone.drones."<id>".linked}) to them, in order per drone; local decisions (operator,
 * watchdog, keepalive, failsafes) come in through {@link #sendDirect} without waiting for Kafka. A record must carry
 * this service's signature ({@link DecisionSigner}), and every command is checked again here ({@link LinkGuard}:
 * allowlist, ranges, state, age), and sent at most once by
 * command id, remembered across restarts ({@link SentCommandLog}): a record refused is counted and dead-lettered with
 * the reason, a record already sent (its own local decision, or a replay) is skipped. Also listens for the drones'
 * state pushes and publishes them as gauges.
 */
@Startup
@ApplicationScoped
public class TelloLink {

    private static final Logger LOG = Logger.getLogger(TelloLink.class);
    private final ObjectMapper mapper;
    private final Fleet fleet;
    private final Clock clock;
    private final MeterRegistry registry;
    private final LinkGuard guard;
    private final DecisionSigner signer;
    private final SentCommandLog sentLog;
    private final Map<String, TelloDriver> drivers = new HashMap<>();
    private final Counter unreadableRecords;
    private final Counter alreadySent;
    private final DroneCommandDeadLetters deadLetters;
    private final TelloStateListener stateListener;

    public TelloLink(DroneConfig config, Fleet fleet, LinkGuard guard, DecisionSigner signer, ObjectMapper mapper,
            MeterRegistry registry, Clock clock, DroneCommandDeadLetters deadLetters) throws IOException {
        this.mapper = mapper;
        this.signer = signer;
        this.fleet = fleet;
        this.clock = clock;
        this.registry = registry;
        this.guard = guard;
        this.deadLetters = deadLetters;
        this.unreadableRecords = registry.counter("streamfleet_drone_link_unreadable_records");
        this.alreadySent = registry.counter("streamfleet_drone_link_already_sent");
        this.sentLog = new SentCommandLog(config.link().sentLog(), config.link().sentLogCapacity());
        TelloDriver.Timers timers = new TelloDriver.Timers(
                latencyTimer(registry, "streamfleet_drone_command_sent_latency",
                        "drone-commands record produced -> UDP datagram sent, prediction-driven commands"),
                latencyTimer(registry, "streamfleet_pipeline_end_to_end_latency",
                        "EEG frame produced (originProducedAt) -> UDP datagram sent to the drone"));
        DroneConfig.Link link = config.link();
        TelloDriver.Settings driverSettings = new TelloDriver.Settings(link.ackTimeout(), link.retries(),
                link.maxCommandAge(), link.emergencyRepeats(), link.emergencyRepeatInterval(),
                link.idleHandshakeInterval());
        Map<InetAddress, DroneTelemetry> byAddress = new HashMap<>();
        for (Fleet.Drone drone : fleet.drones()) {
            DroneConfig.Drone settings = config.drones().get(drone.droneId());
            if (!settings.linked()) {
                continue;
            }
            InetSocketAddress address = resolve(drone.droneId(), settings);
            byAddress.put(address.getAddress(), drone.telemetry());
            drivers.put(drone.droneId(), new TelloDriver(drone.droneId(),
                    new TelloConnection(drone.droneId(), address, clock), drone.telemetry(), clock, driverSettings,
                    timers, registry));
            gauge(registry, "streamfleet_drone_battery_percent", drone, t -> nanIfEmpty(t.batteryPercent()));
            gauge(registry, "streamfleet_drone_height_cm", drone, t -> nanIfEmpty(t.heightCm()));
            gauge(registry, "streamfleet_drone_temperature_celsius", drone,
                    t -> t.temperatureC().orElse(Double.NaN));
            LOG.infof("Tello link: drone %s at %s", drone.droneId(), address);
        }
        this.stateListener = new TelloStateListener(
                new InetSocketAddress(link.stateListenAddress(), link.stateListenPort()), byAddress, clock,
                registry.counter("streamfleet_drone_state_unreadable_datagrams"));
        LOG.infof("Tello link: listening for drone state on %s:%d", link.stateListenAddress(), stateListener.port());
    }

    static Timer latencyTimer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description)
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, Fleet.Drone drone,
            ToDoubleFunction<DroneTelemetry> value) {
        Gauge.builder(name, drone.telemetry(), value).tag("drone", drone.droneId())
                .description("from the drone's state pushes; NaN until the first one")
                .register(registry);
    }

    private static double nanIfEmpty(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : Double.NaN;
    }

    private static InetSocketAddress resolve(String droneId, DroneConfig.Drone settings) throws UnknownHostException {
        try {
            return new InetSocketAddress(InetAddress.getByName(settings.address()), settings.commandPort());
        } catch (UnknownHostException e) {
            throw new UnknownHostException("drone " + droneId + ": cannot resolve address " + settings.address());
        }
    }

    /** True when this instance links the drone. */
    public boolean links(String droneId) {
        return drivers.containsKey(droneId);
    }

    /**
     * Sends a local decision now ({@code stop}, {@code land} and {@code emergency} from the calling thread, pre-empting
     * whatever is in flight), after the same checks as a record from the topic. Returns false when this instance does
     * not link the drone or the check refused it.
     */
    public boolean sendDirect(DroneCommand command) {
        TelloDriver driver = drivers.get(command.droneId());
        if (driver == null || !command.isSend()) {
            return false;
        }
        var refusal = refusal(command);
        if (refusal.isPresent()) {
            LOG.errorf("drone %s: local decision %s (%s) refused by the link: %s", command.droneId(), command.sdk(),
                    command.reason(), refusal.get());
            return false;
        }
        if (sentLog.markSent(command.commandId())) {
            driver.submit(TelloDriver.Outgoing.local(command));
        }
        return true;
    }

    @Incoming("drone-commands-in")
    public CompletionStage<Void> onRecord(KafkaRecord<String, byte[]> record) {
        DroneCommand command;
        try {
            command = readable(mapper.readerFor(DroneCommand.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(record.getPayload()));
        } catch (IOException | RuntimeException e) {
            // Never sent; parked with the reason so a bad producer on the audit topic is seen, not silently skipped.
            unreadableRecords.increment();
            return park(record, "not readable", e);
        }
        TelloDriver driver = drivers.get(command.droneId());
        if (driver == null || !command.isSend()) {
            return record.ack();
        }
        if (sentLog.wasSent(command.commandId())) {
            // Already on the air (sent directly, or before a restart or rewind): a replay never flies twice.
            alreadySent.increment();
            return record.ack();
        }
        var header = record.getHeaders().lastHeader(DecisionSigner.HEADER);
        var refusal = signer.verify(record.getPayload(), header == null ? null : header.value()) ? refusal(command)
                : Optional.of("unsigned: no valid signature of this service (a forged record, or one signed"
                        + " with another key)");
        if (refusal.isPresent()) {
            String rule = refusal.get().split(":", 2)[0];
            registry.counter("streamfleet_drone_link_refused", "drone", command.droneId(), "rule", rule).increment();
            return park(record, "refused (" + command.sdk() + ")", new IllegalArgumentException(refusal.get()));
        }
        if (sentLog.markSent(command.commandId())) {
            driver.submit(new TelloDriver.Outgoing(command,
                    RecordHeaderValues.epochMillis(record.getHeaders(), RecordHeaderValues.PRODUCED_AT),
                    RecordHeaderValues.epochMillis(record.getHeaders(), RecordHeaderValues.ORIGIN_PRODUCED_AT)));
        }
        return record.ack();
    }

    private Optional<String> refusal(DroneCommand command) {
        FlightState believed = fleet.drone(command.droneId()).map(d -> d.policy().state()).orElse(FlightState.LANDED);
        return guard.refusal(command, believed, clock.millis());
    }

    private CompletionStage<Void> park(KafkaRecord<String, byte[]> record, String what, Exception reason) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
        LOG.warnf("drone-commands record %s-%d@%d %s, not sent, dead-lettered: %s", record.getTopic(),
                record.getPartition(), offset, what, reason.getMessage());
        return deadLetters.park(record, offset, reason)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(record.ack()))
                .subscribeAsCompletionStage();
    }

    /** A command the link can act on names itself, its drone and its action (docs/contracts.md). */
    private static DroneCommand readable(DroneCommand command) {
        if (command == null) {
            throw new IllegalArgumentException("body: must be a drone command JSON object");
        }
        if (command.commandId() == null || command.commandId().isBlank()) {
            throw new IllegalArgumentException("commandId: is required");
        }
        if (command.droneId() == null || command.droneId().isBlank()) {
            throw new IllegalArgumentException("droneId: is required");
        }
        if (command.action() == null) {
            throw new IllegalArgumentException("action: is required (SEND or REFUSE)");
        }
        return command;
    }

    @PreDestroy
    void close() {
        stateListener.close();
        drivers.values().forEach(TelloDriver::close);
    }
}
