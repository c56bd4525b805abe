package io.streamfleet.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) whose data lives in one H2 (MVStore) file under target/, so a test
 * can stop it, as an outage, and start it again on the same port with the same orders and indexes: the local stack's
 * MongoDB ({@code io.streamfleet.deploy.LocalMongoServer}) in the test JVM.
 */
final class RestartableMongo implements AutoCloseable {

    private final Path dataFile;
    private final int port;
    private MongoServer server;

    /** A fresh, empty store in {@code dataFile} (a previous run's file is deleted). */
    RestartableMongo(Path dataFile) {
        this.dataFile = dataFile.toAbsolutePath();
        try {
            Files.createDirectories(this.dataFile.getParent());
            Files.deleteIfExists(this.dataFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = ServiceProcess.freePort();
        start();
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        MongoServer starting = new MongoServer(new H2Backend(dataFile.toString()));
        starting.bind("127.0.0.1", port);
        server = starting;
    }

    /** Closes every connection and the listening port at once, then the backend (which commits the file). */
    synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
