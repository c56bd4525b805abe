package io.streamfleet.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.JbodStorage;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorage;
import io.strimzi.api.kafka.model.kafka.SingleVolumeStorage;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationTls;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserTlsClientAuthentication;

/**
 * deploy/k8s proven offline: every overlay renders, every rendered object parses into its model, and the manifests
 * agree with each service's %prod configuration (topics, ACLs, Kafka TLS, MongoDB and VictoriaMetrics wiring,
 * metrics scraping) and with deploy/topics.txt. Each test collects every violation and reports them together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestTest {

    private static final String NAMESPACE = "streamfleet";
    private static final String REGISTRY = "localhost:32000/";
    private static final String CLUSTER_CA_SECRET = "streamfleet-cluster-ca-cert";
    private static final int HTTP_PORT = 8080;
    private static final Pattern URI_WITH_CREDENTIALS = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s:]+:[^/@\\s]+@");
    private static final Pattern SECRET_LIKE_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|credential|"
            + "private[-_.]?key|api[-_.]?key).*");

    private List<String> services;
    private String projectVersion;
    private Map<String, Integer> topicsTxt;
    private Manifests microk8s;
    private Manifests dev;

    @BeforeAll
    void render() {
        services = servicesOfTheBuild();
        projectVersion = projectVersion();
        topicsTxt = topicsTxt();
        microk8s = Manifests.parse("overlays/microk8s", Kustomize.render(Kustomize.K8S.resolve("overlays/microk8s")));
        dev = Manifests.parse("overlays/dev", Kustomize.render(Kustomize.K8S.resolve("overlays/dev")));
    }

    @Test
    void everyOverlayRendersAloneAndWithEachOptionalComponent() {
        Manifests withBoth = Manifests.parse("microk8s + kafka-ui + jvm",
                Kustomize.render("microk8s", NAMESPACE, "kafka-ui", "jvm"));
        Manifests devWithUi = Manifests.parse("dev + kafka-ui", Kustomize.render("dev", NAMESPACE, "kafka-ui"));
        Manifests base = Manifests.parse("base", Kustomize.render(Kustomize.K8S.resolve("base")));

        for (Manifests rendered : List.of(microk8s, dev, withBoth, devWithUi)) {
            for (var resource : rendered.all()) {
                if (!(resource instanceof io.fabric8.kubernetes.api.model.Namespace)) {
                    assertEquals(NAMESPACE, resource.getMetadata().getNamespace(),
                            rendered.name + ": " + resource.getKind() + " " + resource.getMetadata().getName());
                }
            }
            assertTrue(rendered.find(Deployment.class, "kafka-ui").isPresent() == (rendered == withBoth
                    || rendered == devWithUi), rendered.name + ": kafka-ui only where its component is added");
        }
        assertEquals(base.all().size() + 1, microk8s.all().size(), "the microk8s overlay adds only its Namespace");
    }

    @Test
    void eachServiceIsAHardenedDeploymentWithQuarkusProbesAndAPinnedImage() {
        List<String> problems = new ArrayList<>();
        for (String service : services) {
            Optional<Deployment> found = microk8s.find(Deployment.class, service);
            if (found.isEmpty()) {
                problems.add(service + ": no Deployment");
                continue;
            }
            PodSpec pod = found.get().getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            String where = service + " (Deployment, container " + container.getName() + ")";

            String expectedImage = REGISTRY + "streamfleet/" + service + ":";
            if (!container.getImage().startsWith(expectedImage)) {
                problems.add(where + ": image " + container.getImage() + " is not " + expectedImage + "<tag>");
            }
            String tag = container.getImage().substring(container.getImage().lastIndexOf(':') + 1);
            if (!container.getImage().contains(":") || tag.equals("latest") || tag.contains("/")) {
                problems.add(where + ": image " + container.getImage() + " must carry a pinned tag, never latest");
            } else if (!tag.equals(projectVersion)) {
                problems.add(where + ": image tag " + tag + " is not the build's version " + projectVersion
                        + " (deploy/microk8s/build-images.sh tags images with it)");
            }

            probe(problems, where, "startup", container.getStartupProbe(), "/q/health/started", container);
            probe(problems, where, "readiness", container.getReadinessProbe(), "/q/health/ready", container);
            probe(problems, where, "liveness", container.getLivenessProbe(), "/q/health/live", container);

            ResourceRequirements resources = container.getResources();
            Quantity request = resources == null || resources.getRequests() == null ? null
                    : resources.getRequests().get("memory");
            Quantity limit = resources == null || resources.getLimits() == null ? null
                    : resources.getLimits().get("memory");
            if (request == null || limit == null) {
                problems.add(where + ": memory request and limit are required");
            } else if (limit.getNumericalAmount().compareTo(Quantity.parse("256Mi").getNumericalAmount()) > 0
                    || request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                problems.add(where + ": native sizing expected (request <= limit <= 256Mi), found " + request + "/"
                        + limit);
            }

            PodSecurityContext podSecurity = pod.getSecurityContext();
            SecurityContext security = container.getSecurityContext();
            boolean nonRoot = Boolean.TRUE.equals(security != null ? security.getRunAsNonRoot() : null)
                    || podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot());
            if (!nonRoot) {
                problems.add(where + ": runAsNonRoot must be true");
            }
            if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                problems.add(where + ": readOnlyRootFilesystem must be true");
            }
            if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                problems.add(where + ": allowPrivilegeEscalation must be false");
            }
            if (security == null || security.getCapabilities() == null
                    || !security.getCapabilities().getDrop().contains("ALL")) {
                problems.add(where + ": capabilities must drop ALL");
            }
            boolean tmpIsWritable = container.getVolumeMounts().stream().anyMatch(mount -> mount.getMountPath()
                    .equals("/tmp") && pod.getVolumes().stream().anyMatch(
                            v -> v.getName().equals(mount.getName()) && v.getEmptyDir() != null));
            if (!tmpIsWritable) {
                problems.add(where + ": /tmp must be an emptyDir (the root filesystem is read-only)");
            }

            Optional<Service> serviceObject = microk8s.find(Service.class, service);
            if (serviceObject.isEmpty()) {
                problems.add(service + ": no Service");
            } else {
                Map<String, String> selector = serviceObject.get().getSpec().getSelector();
                if (selector == null || selector.isEmpty() || !found.get().getSpec().getTemplate().getMetadata()
                        .getLabels().entrySet().containsAll(selector.entrySet())) {
                    problems.add(service + ": the Service's selector does not select the Deployment's pods");
                }
                boolean port80 = serviceObject.get().getSpec().getPorts().stream().anyMatch(
                        p -> p.getPort() == 80 && containerPort(container, p.getTargetPort().getStrVal(),
                                p.getTargetPort().getIntVal()) == HTTP_PORT);
                if (!port80) {
                    problems.add(service + ": the Service must map port 80 to the container's " + HTTP_PORT);
                }
            }
        }
        assertNoProblems("service Deployments", problems);
    }

    @Test
    void eachServiceConnectsToKafkaOverMutualTlsWithItsOwnCertificate() {
        Kafka kafka = microk8s.get(Kafka.class, "streamfleet");
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + tlsListener(kafka).getPort();
        List<String> problems = new ArrayList<>();
        for (String service : services) {
            Workload workload = workload(microk8s, service);
            expectValue(problems, service, workload, "KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            expectValue(problems, service, workload, "KAFKA_SECURITY_PROTOCOL", "SSL");
            expectValue(problems, service, workload, "QUARKUS_HTTP_PORT", Integer.toString(HTTP_PORT));
            expectSecret(problems, service, workload, "KAFKA_TRUSTSTORE_PASSWORD", CLUSTER_CA_SECRET, "ca.password");
            expectSecret(problems, service, workload, "KAFKA_KEYSTORE_PASSWORD", service, "user.password");
            expectMountedStore(problems, service, workload, "KAFKA_TRUSTSTORE_PATH", CLUSTER_CA_SECRET, "ca.p12");
            expectMountedStore(problems, service, workload, "KAFKA_KEYSTORE_PATH", service, "user.p12");

            Optional<KafkaUser> user = microk8s.find(KafkaUser.class, service);
            if (user.isEmpty()) {
                problems.add(service + ": no KafkaUser named " + service + " (its certificate Secret is mounted)");
            } else if (!(user.get().getSpec().getAuthentication() instanceof KafkaUserTlsClientAuthentication)) {
                problems.add(service + ": its KafkaUser must authenticate with tls");
            } else if (!"streamfleet".equals(user.get().getMetadata().getLabels().get("strimzi.io/cluster"))) {
                problems.add(service + ": its KafkaUser must carry strimzi.io/cluster: streamfleet");
            }
        }
        assertNoProblems("Kafka TLS wiring", problems);
    }

    @Test
    void prodConfigurationResolvesFromTheManifestsAndPointsAtTheirServices() {
        Kafka kafka = microk8s.get(Kafka.class, "streamfleet");
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + tlsListener(kafka).getPort();
        List<String> problems = new ArrayList<>();
        for (String service : services) {
            Workload workload = workload(microk8s, service);
            ServiceConfig config = prodConfig(microk8s, service, problems);
            config.unresolvable().forEach((name, why) -> problems.add(service + ": %prod property " + name
                    + " does not resolve with the Deployment's environment: " + why));
            String resolvedBootstrap = config.value("kafka.bootstrap.servers").orElse("<unset>");
            if (!resolvedBootstrap.equals(bootstrap)) {
                problems.add(service + ": kafka.bootstrap.servers is " + resolvedBootstrap + ", not " + bootstrap);
            }
            // A file path in the configuration must be a file the pod has.
            for (String name : config.names()) {
                config.value(name).filter(v -> v.startsWith("/etc/")).ifPresent(path -> {
                    if (!workload.files().containsKey(path)) {
                        problems.add(service + ": " + name + "=" + path + " is not a file mounted into the pod");
                    }
                });
            }
            config.value("quarkus.mongodb.connection-string").ifPresent(uri -> {
                Optional<Workload.Source> source = workload.env("MONGODB_URI");
                if (source.isEmpty() || !source.get().fromSecret()) {
                    problems.add(service + ": MONGODB_URI carries credentials and must come from a Secret");
                } else if (microk8s.find(Service.class, "mongodb").isEmpty()) {
                    problems.add(service + ": uses MongoDB but there is no mongodb Service");
                }
            });
            config.value("streamfleet.telemetry.victoria-metrics.url").ifPresent(url -> {
                URI uri = URI.create(url);
                boolean served = microk8s.find(Service.class, uri.getHost()).map(s -> s.getSpec().getPorts().stream()
                        .anyMatch(p -> p.getPort() == uri.getPort())).orElse(false);
                if (!served) {
                    problems.add(service + ": VictoriaMetrics URL " + url + " is not a Service of the manifests");
                }
            });
        }
        assertNoProblems("%prod configuration against the manifests", problems);
    }

    @Test
    void everyTopicAServiceNamesInProdIsAKafkaTopicWithThreeReplicasAndMinIsrTwo() {
        Map<String, KafkaTopic> topics = kafkaTopics(microk8s);
        List<String> problems = new ArrayList<>();
        for (String service : services) {
            ServiceConfig config = prodConfig(microk8s, service, problems);
            KafkaAccess access = KafkaAccess.of(config);
            Map<String, String> named = new LinkedHashMap<>(config.namedTopics());
            access.reads.forEach(topic -> named.putIfAbsent(topic, "a consuming channel"));
            access.writes.forEach(topic -> named.putIfAbsent(topic, "a producing channel"));
            named.forEach((topic, property) -> {
                KafkaTopic kafkaTopic = topics.get(topic);
                String where = service + "'s %prod configuration names topic " + topic + " (" + property + ")";
                if (kafkaTopic == null) {
                    problems.add(where + ", which has no KafkaTopic");
                    return;
                }
                if (!Objects.equals(kafkaTopic.getSpec().getReplicas(), 3)) {
                    problems.add(where + ": its KafkaTopic has replicas " + kafkaTopic.getSpec().getReplicas());
                }
                Object minIsr = kafkaTopic.getSpec().getConfig() == null ? null
                        : kafkaTopic.getSpec().getConfig().get("min.insync.replicas");
                if (minIsr == null || !minIsr.toString().equals("2")) {
                    problems.add(where + ": its KafkaTopic has min.insync.replicas " + minIsr);
                }
            });
        }
        assertNoProblems("topics named by the services", problems);
    }

    @Test
    void kafkaTopicsAreExactlyTheTopicsOfTopicsTxtWithTheirPartitions() {
        Map<String, KafkaTopic> topics = kafkaTopics(microk8s);
        List<String> problems = new ArrayList<>();
        topicsTxt.forEach((topic, partitions) -> {
            KafkaTopic kafkaTopic = topics.get(topic);
            if (kafkaTopic == null) {
                problems.add("deploy/topics.txt lists " + topic + ", which has no KafkaTopic");
            } else if (!Objects.equals(kafkaTopic.getSpec().getPartitions(), partitions)) {
                problems.add(topic + ": KafkaTopic has " + kafkaTopic.getSpec().getPartitions()
                        + " partitions, deploy/topics.txt " + partitions);
            } else if (kafkaTopic.getSpec().getConfig() == null
                    || !(kafkaTopic.getSpec().getConfig().get("retention.ms") instanceof Number)) {
                problems.add(topic + ": KafkaTopic needs a retention.ms chosen for its data");
            } else if (!Objects.equals(kafkaTopic.getSpec().getReplicas(), 3)
                    || !"2".equals(String.valueOf(kafkaTopic.getSpec().getConfig().get("min.insync.replicas")))) {
                problems.add(topic + ": KafkaTopic needs replicas 3 and min.insync.replicas 2");
            }
        });
        topics.keySet().stream().filter(topic -> !topicsTxt.containsKey(topic))
                .forEach(topic -> problems.add("KafkaTopic " + topic + " is not in deploy/topics.txt"));
        assertNoProblems("KafkaTopics against deploy/topics.txt", problems);
    }

    @Test
    void eachKafkaUserAllowsExactlyTheTopicsAndGroupsItsServiceUses() {
        List<String> problems = new ArrayList<>();
        for (String service : services) {
            KafkaAccess access = KafkaAccess.of(prodConfig(microk8s, service, problems));
            problems.addAll(access.problems);
            Optional<KafkaUser> user = microk8s.find(KafkaUser.class, service);
            if (user.isEmpty()) {
                problems.add(service + ": no KafkaUser");
                continue;
            }
            Set<KafkaAccess.Acl> expected = access.expectedAcls();
            Set<KafkaAccess.Acl> allowed = KafkaAccess.allowed(user.get(), problems);
            Set<KafkaAccess.Acl> missing = new TreeSet<>(expected);
            missing.removeAll(allowed);
            Set<KafkaAccess.Acl> extra = new TreeSet<>(allowed);
            extra.removeAll(expected);
            if (!missing.isEmpty()) {
                problems.add("KafkaUser " + service + " lacks what its %prod configuration uses: " + missing);
            }
            if (!extra.isEmpty()) {
                problems.add("KafkaUser " + service + " allows more than its %prod configuration uses: " + extra);
            }
        }
        assertNoProblems("KafkaUser ACLs", problems);
    }

    @Test
    void kafkaIsThreeKraftNodesWithAMutualTlsListenerAndReplicationThree() {
        Kafka kafka = microk8s.get(Kafka.class, "streamfleet");
        Map<String, String> annotations = kafka.getMetadata().getAnnotations();
        assertEquals("enabled", annotations.get("strimzi.io/kraft"));
        assertEquals("enabled", annotations.get("strimzi.io/node-pools"));
        List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
        assertEquals(1, listeners.size(), "production has one listener, TLS with client certificates");
        GenericKafkaListener tls = tlsListener(kafka);
        assertEquals(9093, tls.getPort());
        assertTrue(tls.isTls());
        assertTrue(kafka.getSpec().getKafka().getAuthorization() instanceof KafkaAuthorizationSimple);
        KafkaAuthorizationSimple authorization = (KafkaAuthorizationSimple) kafka.getSpec().getKafka()
                .getAuthorization();
        assertTrue(authorization.getSuperUsers() == null || authorization.getSuperUsers().isEmpty(),
                "no super users in production");
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertEquals(Map.of("default.replication.factor", "3", "min.insync.replicas", "2",
                "offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2"), pick(config, "default.replication.factor",
                        "min.insync.replicas", "offsets.topic.replication.factor",
                        "transaction.state.log.replication.factor", "transaction.state.log.min.isr"));
        assertTrue(kafka.getSpec().getEntityOperator().getTopicOperator() != null
                && kafka.getSpec().getEntityOperator().getUserOperator() != null, "topic and user operators");

        List<KafkaNodePool> pools = microk8s.all(KafkaNodePool.class);
        assertEquals(3, pools.stream().mapToInt(p -> p.getSpec().getReplicas()).sum(), "three Kafka nodes");
        for (KafkaNodePool pool : pools) {
            assertEquals("streamfleet", pool.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(Set.of(ProcessRoles.CONTROLLER, ProcessRoles.BROKER), Set.copyOf(pool.getSpec().getRoles()));
            for (SingleVolumeStorage volume : volumes(pool)) {
                assertTrue(volume instanceof PersistentClaimStorage, pool.getMetadata().getName()
                        + ": persistent-claim storage");
                assertEquals("microk8s-hostpath", ((PersistentClaimStorage) volume).getStorageClass());
            }
        }
        for (StatefulSet set : microk8s.all(StatefulSet.class)) {
            for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
                assertEquals("microk8s-hostpath", claim.getSpec().getStorageClassName(),
                        set.getMetadata().getName() + "'s volume " + claim.getMetadata().getName());
            }
        }
    }

    @Test
    void victoriaMetricsScrapesEveryServiceAtQuarkusMetricsPath() throws IOException {
        StatefulSet victoria = microk8s.get(StatefulSet.class, "victoria-metrics");
        Container container = victoria.getSpec().getTemplate().getSpec().getContainers().get(0);
        String configPath = container.getArgs().stream().filter(a -> a.startsWith("-promscrape.config="))
                .map(a -> a.substring("-promscrape.config=".length())).findFirst()
                .orElseGet(() -> fail("VictoriaMetrics runs without -promscrape.config"));
        Workload workload = new Workload(microk8s, victoria.getSpec().getTemplate().getSpec(), container,
                victoria.getSpec().getVolumeClaimTemplates().stream().map(c -> c.getMetadata().getName())
                        .collect(Collectors.toSet()));
        Workload.Source file = workload.files().get(configPath);
        assertTrue(file != null && file.value() != null, configPath + " must be mounted from a ConfigMap");

        JsonNode scrape = new ObjectMapper(new YAMLFactory()).readTree(file.value());
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : scrape.path("scrape_configs")) {
            if (!job.path("metrics_path").asText().equals("/q/metrics")) {
                continue;
            }
            for (JsonNode staticConfig : job.path("static_configs")) {
                staticConfig.path("targets").forEach(target -> scraped.add(target.asText()));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String service : services) {
            Optional<Service> serviceObject = microk8s.find(Service.class, service);
            Set<String> addresses = serviceObject.map(s -> s.getSpec().getPorts().stream().map(ServicePort::getPort)
                    .flatMap(port -> Set.of(service + ":" + port, service + "." + NAMESPACE + ":" + port,
                            service + "." + NAMESPACE + ".svc:" + port).stream())
                    .collect(Collectors.toSet())).orElse(Set.of());
            if (addresses.stream().noneMatch(scraped::contains)) {
                problems.add(service + " is not scraped at /q/metrics (targets: " + scraped + ")");
            }
        }
        assertNoProblems("VictoriaMetrics scrape configuration", problems);
    }

    @Test
    void noConfigMapCarriesASecretAndNoSecretIsInTheManifests() {
        List<String> problems = new ArrayList<>();
        for (Manifests rendered : List.of(microk8s, dev)) {
            Set<String> secretValues = new TreeSet<>();
            for (Secret secret : rendered.all(Secret.class)) {
                problems.add(rendered.name + ": Secret " + secret.getMetadata().getName()
                        + " is in git; deploy/k8s/create-secrets.sh makes Secrets");
                if (secret.getStringData() != null) {
                    secretValues.addAll(secret.getStringData().values());
                }
                if (secret.getData() != null) {
                    secret.getData().values().forEach(v -> secretValues.add(new String(
                            java.util.Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
            problems.addAll(secretsInConfigMaps(rendered, secretValues));
        }
        assertNoProblems("secrets", problems);
    }

    @Test
    void droneCommandServiceReachesTheTelloOnTheNodesNetwork() {
        Deployment drone = microk8s.get(Deployment.class, "drone-command-service");
        PodSpec pod = drone.getSpec().getTemplate().getSpec();
        assertTrue(Boolean.TRUE.equals(pod.getHostNetwork()), "host networking for the Tello's UDP");
        assertEquals("ClusterFirstWithHostNet", pod.getDnsPolicy(), "cluster DNS on the host network");
        assertEquals(1, drone.getSpec().getReplicas());
        assertEquals("Recreate", drone.getSpec().getStrategy().getType(), "never two instances flying");

        List<String> problems = new ArrayList<>();
        ServiceConfig config = prodConfig(microk8s, "drone-command-service", problems);
        assertNoProblems("drone-command-service configuration", problems);
        int statePort = Integer.parseInt(config.value("streamfleet.drone.link.state-listen-port").orElse("8890"));
        Container container = pod.getContainers().get(0);
        assertTrue(container.getPorts().stream().anyMatch(p -> p.getContainerPort() == statePort
                && "UDP".equals(p.getProtocol())), "the state-listen port " + statePort + "/udp is declared");
        Set<String> drones = config.names().stream().filter(n -> n.startsWith("streamfleet.drone.drones."))
                .filter(n -> n.endsWith(".address")).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(drones.isEmpty(), "at least one drone is configured for %prod");
        drones.forEach(name -> assertTrue(config.value(name).isPresent(), name + " has an address"));
    }

    @Test
    void devOverlayRunsOneKafkaNodeWithReplicationOneAndAPlainListener() {
        assertEquals(1, dev.all(KafkaNodePool.class).stream().mapToInt(p -> p.getSpec().getReplicas()).sum());
        Kafka kafka = dev.get(Kafka.class, "streamfleet");
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertEquals(Map.of("default.replication.factor", "1", "min.insync.replicas", "1",
                "offsets.topic.replication.factor", "1", "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"), pick(config, "default.replication.factor",
                        "min.insync.replicas", "offsets.topic.replication.factor",
                        "transaction.state.log.replication.factor", "transaction.state.log.min.isr"));
        assertEquals(9093, tlsListener(kafka).getPort(), "the services' TLS listener stays");
        assertTrue(kafka.getSpec().getKafka().getListeners().stream()
                .anyMatch(l -> l.getPort() == 9092 && !l.isTls()), "a plain listener on 9092");
        Map<String, KafkaTopic> topics = kafkaTopics(dev);
        assertEquals(topicsTxt.keySet(), topics.keySet());
        topics.forEach((name, topic) -> {
            assertEquals(1, topic.getSpec().getReplicas(), name);
            assertEquals("1", topic.getSpec().getConfig().get("min.insync.replicas").toString(), name);
        });
        for (String service : services) {
            assertEquals("streamfleet-kafka-bootstrap:9093", workload(dev, service).env("KAFKA_BOOTSTRAP_SERVERS")
                    .map(Workload.Source::value).orElse(null), service + " stays on mutual TLS in dev");
        }
    }

    @Test
    void kafkaUiComponentIsReadOnlyAndJvmComponentRaisesMemory() {
        Manifests rendered = Manifests.parse("microk8s + kafka-ui + jvm",
                Kustomize.render("microk8s", NAMESPACE, "kafka-ui", "jvm"));
        Deployment ui = rendered.get(Deployment.class, "kafka-ui");
        String image = ui.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertFalse(image.endsWith(":latest") || !image.contains(":"), "kafka-ui image tag pinned: " + image);
        List<String> problems = new ArrayList<>();
        Set<KafkaAccess.Acl> allowed = KafkaAccess.allowed(rendered.get(KafkaUser.class, "kafka-ui"), problems);
        Set<String> readOnly = Set.of("Read", "Describe", "DescribeConfigs");
        allowed.stream().filter(acl -> !readOnly.contains(acl.operation()))
                .forEach(acl -> problems.add("kafka-ui may change something: " + acl));
        assertNoProblems("kafka-ui", problems);

        for (String service : services) {
            Quantity limit = rendered.get(Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getResources().getLimits().get("memory");
            assertTrue(limit.getNumericalAmount().compareTo(Quantity.parse("512Mi").getNumericalAmount()) >= 0,
                    service + ": a JVM needs at least 512Mi, the jvm component gives " + limit);
        }
    }

    /** Keys that name a secret, URIs with credentials, and values equal to a Secret's. */
    static List<String> secretsInConfigMaps(Manifests rendered, Set<String> secretValues) {
        List<String> problems = new ArrayList<>();
        for (ConfigMap configMap : rendered.all(ConfigMap.class)) {
            Manifests.data(configMap).forEach((key, value) -> {
                String where = rendered.name + ": ConfigMap " + configMap.getMetadata().getName() + " key " + key;
                if (SECRET_LIKE_KEY.matcher(key).matches()) {
                    problems.add(where + " looks like a secret; put it in a Secret");
                }
                Matcher credentials = URI_WITH_CREDENTIALS.matcher(value);
                if (credentials.find()) {
                    problems.add(where + " holds a URI with credentials: " + credentials.group());
                }
                for (String line : value.split("\n")) {
                    if (SECRET_LIKE_KEY.matcher(line.split("[=:]", 2)[0].trim()).matches()
                            && !line.trim().startsWith("#")) {
                        problems.add(where + " sets a secret-looking entry: " + line.split("[=:]", 2)[0].trim());
                    }
                }
                secretValues.stream().filter(secret -> !secret.isEmpty() && value.contains(secret))
                        .forEach(secret -> problems.add(where + " contains the value of a Secret"));
            });
        }
        return problems;
    }

    private ServiceConfig prodConfig(Manifests rendered, String service, List<String> problems) {
        Workload workload = workload(rendered, service);
        List<String> files = new ArrayList<>();
        workload.env("QUARKUS_CONFIG_LOCATIONS").map(Workload.Source::value).ifPresent(locations -> {
            for (String location : locations.split(",")) {
                Workload.Source file = workload.files().get(location.trim());
                if (file == null || file.value() == null) {
                    problems.add(service + ": QUARKUS_CONFIG_LOCATIONS names " + location
                            + ", which is not a ConfigMap file mounted into the pod");
                } else {
                    files.add(file.value());
                }
            }
        });
        return ServiceConfig.prod(service, workload.processEnvironment(), files);
    }

    private static Workload workload(Manifests rendered, String service) {
        Deployment deployment = rendered.get(Deployment.class, service);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        return new Workload(rendered, pod, pod.getContainers().get(0));
    }

    private static void expectValue(List<String> problems, String service, Workload workload, String name,
            String expected) {
        Optional<Workload.Source> source = workload.env(name);
        if (source.isEmpty() || source.get().fromSecret() || !expected.equals(source.get().value())) {
            problems.add(service + ": " + name + " must be " + expected + ", found " + source.orElse(null));
        }
    }

    private static void expectSecret(List<String> problems, String service, Workload workload, String name,
            String secret, String key) {
        Optional<Workload.Source> source = workload.env(name);
        if (source.isEmpty() || !source.get().fromSecret() || !source.get().name().equals(secret)
                || !source.get().key().equals(key)) {
            problems.add(service + ": " + name + " must come from Secret " + secret + "/" + key + ", found "
                    + source.orElse(null));
        }
    }

    private static void expectMountedStore(List<String> problems, String service, Workload workload, String name,
            String secret, String key) {
        Optional<String> path = workload.env(name).map(Workload.Source::value);
        Workload.Source file = path.map(workload.files()::get).orElse(null);
        if (file == null || !file.fromSecret() || !file.name().equals(secret) || !file.key().equals(key)) {
            problems.add(service + ": " + name + "=" + path.orElse("<unset>") + " must be Secret " + secret + "/"
                    + key + " mounted at that path, found " + file);
        }
    }

    private static void probe(List<String> problems, String where, String kind, Probe probe, String path,
            Container container) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null || !path.equals(get.getPath())
                || containerPort(container, get.getPort().getStrVal(), get.getPort().getIntVal()) != HTTP_PORT) {
            problems.add(where + ": " + kind + " probe must GET " + path + " on port " + HTTP_PORT);
        }
    }

    private static int containerPort(Container container, String name, Integer number) {
        if (name == null) {
            return number == null ? -1 : number;
        }
        return container.getPorts().stream().filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(-1);
    }

    private static GenericKafkaListener tlsListener(Kafka kafka) {
        return kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> l.isTls() && l.getAuth() instanceof KafkaListenerAuthenticationTls).findFirst()
                .orElseGet(() -> fail("the Kafka has no TLS listener with tls (client certificate) authentication"));
    }

    private static List<SingleVolumeStorage> volumes(KafkaNodePool pool) {
        if (pool.getSpec().getStorage() instanceof JbodStorage jbod) {
            return jbod.getVolumes();
        }
        return List.of((SingleVolumeStorage) pool.getSpec().getStorage());
    }

    private static Map<String, String> pick(Map<String, Object> config, String... keys) {
        Map<String, String> picked = new TreeMap<>();
        for (String key : keys) {
            picked.put(key, String.valueOf(config.get(key)));
        }
        return picked;
    }

    private static Map<String, KafkaTopic> kafkaTopics(Manifests rendered) {
        Map<String, KafkaTopic> topics = new TreeMap<>();
        for (KafkaTopic topic : rendered.all(KafkaTopic.class)) {
            String name = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName()
                    : topic.getMetadata().getName();
            if (topics.put(name, topic) != null) {
                fail(rendered.name + ": two KafkaTopics for " + name);
            }
        }
        return topics;
    }

    private static void assertNoProblems(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(what + ": " + problems.size() + " problem(s)\n  " + String.join("\n  ", problems));
        }
    }

    /** The build's service modules: every root pom module named *-service must be deployed. */
    private static List<String> servicesOfTheBuild() {
        try {
            Matcher modules = Pattern.compile("<module>([^<]+-service)</module>")
                    .matcher(Files.readString(Kustomize.REPO.resolve("pom.xml")));
            List<String> found = new ArrayList<>();
            while (modules.find()) {
                found.add(modules.group(1));
            }
            assertFalse(found.isEmpty(), "no *-service module in the root pom");
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root pom's own version: the first <version> after its <artifactId>. */
    private static String projectVersion() {
        try {
            Matcher version = Pattern.compile("<artifactId>streamfleet-parent</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(Kustomize.REPO.resolve("pom.xml")));
            assertTrue(version.find(), "the root pom's version");
            return version.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** deploy/topics.txt: "name partitions" per line, '#' comments. */
    private static Map<String, Integer> topicsTxt() {
        try {
            Map<String, Integer> topics = new TreeMap<>();
            for (String line : Files.readAllLines(Kustomize.REPO.resolve("deploy/topics.txt"))) {
                String content = line.replaceFirst("#.*", "").trim();
                if (!content.isEmpty()) {
                    String[] fields = content.split("\\s+");
                    topics.put(fields[0], Integer.parseInt(fields[1]));
                }
            }
            return topics;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
