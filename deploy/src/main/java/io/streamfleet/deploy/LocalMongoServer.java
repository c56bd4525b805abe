package io.streamfleet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The local stack's MongoDB: mongo-java-server speaking the wire protocol, with the H2 (MVStore) backend writing to
 * one file under a data folder, so orders and indexes survive a restart. Stops cleanly on SIGTERM/SIGINT.
 * <pre>
 * java -cp 'deploy/target/local-stack/lib/*' io.streamfleet.deploy.LocalMongoServer DATA_DIR [HOST] [PORT]
 * </pre>
 */
public final class LocalMongoServer {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 27017;
    static final String DATA_FILE = "mongo.mv.db";

    private LocalMongoServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args.length > 3 || args[0].startsWith("-")) {
            System.err.println("usage: LocalMongoServer DATA_DIR [HOST (default " + DEFAULT_HOST + ")] [PORT (default "
                    + DEFAULT_PORT + ")]");
            System.exit(2);
        }
        Path dataDir = Files.createDirectories(Path.of(args[0]));
        String host = args.length > 1 ? args[1] : DEFAULT_HOST;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_PORT;
        Path dataFile = dataDir.resolve(DATA_FILE).toAbsolutePath();

        MongoServer server = new MongoServer(new H2Backend(dataFile.toString()));
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        // shutdown() closes connections and then the backend, which commits and closes the MVStore file.
        Thread stopper = new Thread(() -> {
            server.shutdown();
            System.out.println("LocalMongoServer stopped; data in " + dataFile);
        }, "mongo-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);

        System.out.println("LocalMongoServer ready on mongodb://" + host + ":" + port + " (data " + dataFile + ")");
        // Netty's threads keep the JVM alive; this thread just parks until the shutdown hook has run.
        Thread.currentThread().join();
    }
}
