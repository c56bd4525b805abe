package io.streamfleet.telemetry.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.streamfleet.telemetry.config.TopicsConfig;
import io.streamfleet.telemetry.messaging.ConsumerLag;
import io.streamfleet.telemetry.messaging.SinkActivity;
import io.streamfleet.telemetry.messaging.TopicActivity;
import io.streamfleet.telemetry.store.VictoriaMetricsExporter;
import io.streamfleet.telemetry.store.VictoriaMetricsProbe;

/** The admin answers, shared by streamfleet's own paths and the wearable platform's legacy ones. */
@ApplicationScoped
public class AdminView {

    /** One consumed topic. Times are ISO-8601 UTC, null until the first record; lag null when not known here. */
    public record StreamStatus(String topic, String stream, String channel, double recordsPerSecond, Long lag,
            String lastSeenAt, String lastCapturedAt, long records, long samplesWritten, long deadLettered,
            String deadLetterTopic) {
    }

    public record VictoriaMetricsStatus(String writeUrl, boolean reachable, String checkedAt) {
    }

    /**
     * @param status UP, or WAITING when at least one channel holds a batch VictoriaMetrics has not taken yet
     */
    public record SinkStatus(String status, VictoriaMetricsStatus victoriaMetrics, Set<String> channelsWaiting,
            String lastWriteAt, String lastWriteError, String startedAt, long uptimeSeconds, long records,
            long samplesWritten, long deadLettered, int topics) {
    }

    private final SinkActivity activity;
    private final ConsumerLag lag;
    private final TopicsConfig topics;
    private final VictoriaMetricsProbe probe;
    private final VictoriaMetricsExporter exporter;
    private final SmallRyeHealthReporter health;

    public AdminView(SinkActivity activity, ConsumerLag lag, TopicsConfig topics, VictoriaMetricsProbe probe,
            VictoriaMetricsExporter exporter, SmallRyeHealthReporter health) {
        this.activity = activity;
        this.lag = lag;
        this.topics = topics;
        this.probe = probe;
        this.exporter = exporter;
        this.health = health;
    }

    public Uni<List<StreamStatus>> streams() {
        return lag.byTopic().map(lagByTopic -> {
            long now = activity.nowMillis();
            List<StreamStatus> streams = new ArrayList<>();
            for (TopicActivity topic : activity.topics()) {
                String stream = topic.topic().startsWith(topics.wearablePrefix())
                        ? topic.topic().substring(topics.wearablePrefix().length()) : null;
                streams.add(new StreamStatus(topic.topic(), stream, topic.channel(),
                        Math.round(topic.recordsPerSecond(now) * 10) / 10.0, lagByTopic.get(topic.topic()),
                        iso(topic.lastSeenAtMillis()), iso(topic.lastCapturedAtMillis()), topic.records(),
                        topic.samplesWritten(), topic.deadLettered(), topics.deadLetterTopic(topic.topic())));
            }
            return streams;
        });
    }

    public Uni<SinkStatus> status() {
        return probe.observe().map(observation -> {
            long records = 0;
            long samples = 0;
            long dead = 0;
            for (TopicActivity topic : activity.topics()) {
                records += topic.records();
                samples += topic.samplesWritten();
                dead += topic.deadLettered();
            }
            Set<String> waiting = activity.channelsWaiting();
            long now = activity.nowMillis();
            return new SinkStatus(waiting.isEmpty() && observation.up() ? "UP" : "WAITING",
                    new VictoriaMetricsStatus(exporter.writeUrl(), observation.up(), iso(observation.checkedAtMillis())),
                    waiting, iso(activity.lastWriteAtMillis()), activity.lastWriteError(),
                    iso(activity.startedAtMillis()), (now - activity.startedAtMillis()) / 1000, records, samples, dead,
                    activity.topics().size());
        });
    }

    /** The readiness report (Kafka channels and VictoriaMetrics): 200 when UP, 503 when DOWN. */
    public Uni<Response> health() {
        return health.getReadinessAsync().map(report -> Response.status(report.isDown() ? 503 : 200)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(report.getPayload().toString()).build());
    }

    private static String iso(long epochMillis) {
        return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
