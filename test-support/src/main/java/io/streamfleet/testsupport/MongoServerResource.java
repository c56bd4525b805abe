package io.streamfleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in-memory backend) on a free loopback port: the service talks to
 * it over TCP through the real MongoDB driver, exactly as it would to mongod.
 * <p>
 * With the init arg {@code proxy=true} the service reaches it through a {@link TcpProxy}, injected into the test's
 * {@link InjectTcpProxy} field, so a test can take MongoDB away and give it back.
 */
public class MongoServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROXY = "proxy";

    private boolean proxied;
    private MongoServer server;
    private TcpProxy proxy;

    @Override
    public void init(Map<String, String> initArgs) {
        proxied = Boolean.parseBoolean(initArgs.getOrDefault(PROXY, "false"));
    }

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new MemoryBackend());
        // bind() takes a free port on loopback
        InetSocketAddress address = server.bind();
        String host = address.getHostString();
        int port = address.getPort();
        if (proxied) {
            try {
                proxy = new TcpProxy(address);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            host = proxy.host();
            port = proxy.port();
        }
        return Map.of("quarkus.mongodb.connection-string", "mongodb://" + host + ":" + port);
    }

    @Override
    public void inject(TestInjector testInjector) {
        if (proxy != null) {
            testInjector.injectIntoFields(proxy,
                    new TestInjector.AnnotatedAndMatchesType(InjectTcpProxy.class, TcpProxy.class));
        }
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }
}
