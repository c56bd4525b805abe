package io.streamfleet.testsupport;

import java.net.InetSocketAddress;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in-memory backend) on a free loopback port: the service talks to
 * it over TCP through the real MongoDB driver, exactly as it would to mongod.
 */
public class MongoServerResource implements QuarkusTestResourceLifecycleManager {

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new MemoryBackend());
        // bind() takes a free port on loopback
        InetSocketAddress address = server.bind();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        return Map.of("quarkus.mongodb.connection-string", uri);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
