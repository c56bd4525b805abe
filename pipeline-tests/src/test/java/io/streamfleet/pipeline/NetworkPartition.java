package io.streamfleet.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts one process off the network on this machine, both ways, without stopping it: a real partition, made with
 * iptables on loopback (root only). Every packet to or from the process's listening ports is dropped, every packet of
 * the connections it already has (exact address pairs, from {@code ss}), and every packet of sockets it opens later
 * (it is moved into its own cgroup v2 group, which iptables' {@code cgroup} match recognises). Other processes'
 * traffic is untouched: rules name this process's ports and connections only. All rules live in one chain, which
 * {@link #heal()} removes.
 */
final class NetworkPartition implements AutoCloseable {

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup/unified");
    // Java's sockets show as IPv4-mapped IPv6 ([::ffff:127.0.0.1]:port); their packets are IPv4 all the same.
    private static final String LOOPBACK = "(?:\\[::ffff:)?127\\.0\\.0\\.1\\]?:(\\d+)";
    private static final Pattern PORTS = Pattern.compile(LOOPBACK + "\\s+" + LOOPBACK);
    private static final Pattern LISTEN = Pattern.compile(LOOPBACK + "\\s");

    private final long pid;
    private final String chain;
    private final Path cgroup;
    private boolean cut;

    private NetworkPartition(long pid) {
        this.pid = pid;
        this.chain = "SF-PARTITION-" + pid;
        this.cgroup = CGROUP_ROOT.resolve("sf-partition-" + pid);
    }

    /** Whether this machine can make one: root, iptables with the cgroup match, a writable cgroup v2 hierarchy. */
    static String unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root";
        }
        if (!Files.isWritable(CGROUP_ROOT)) {
            return CGROUP_ROOT + " (cgroup v2) is not writable";
        }
        try {
            run(List.of("iptables", "-S", "OUTPUT"));
        } catch (RuntimeException e) {
            return "iptables does not work: " + e.getMessage();
        }
        return null;
    }

    /** Isolates the process now; {@link #heal()} (or close) gives its network back. */
    static NetworkPartition isolate(long pid) {
        NetworkPartition partition = new NetworkPartition(pid);
        try {
            partition.cutNow();
        } catch (RuntimeException e) {
            partition.heal();
            throw e;
        }
        return partition;
    }

    private void cutNow() {
        try {
            Files.createDirectories(cgroup);
            Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + pid + " into " + cgroup, e);
        }
        cut = true;
        run(List.of("iptables", "-N", chain));
        Runtime.getRuntime().addShutdownHook(new Thread(this::heal, "heal-" + chain));
        List<List<String>> rules = new ArrayList<>();
        rules.add(List.of("-m", "cgroup", "--path", CGROUP_ROOT.relativize(cgroup).toString()));
        for (int port : listeningPorts()) {
            rules.add(List.of("-p", "tcp", "--dport", Integer.toString(port)));
            rules.add(List.of("-p", "tcp", "--sport", Integer.toString(port)));
        }
        for (int[] connection : establishedConnections()) {
            rules.add(List.of("-p", "tcp", "--sport", Integer.toString(connection[0]), "--dport",
                    Integer.toString(connection[1])));
            rules.add(List.of("-p", "tcp", "--sport", Integer.toString(connection[1]), "--dport",
                    Integer.toString(connection[0])));
        }
        for (List<String> rule : rules) {
            List<String> command = new ArrayList<>(List.of("iptables", "-A", chain, "-o", "lo"));
            command.addAll(rule);
            command.addAll(List.of("-j", "DROP"));
            run(command);
        }
        // loopback packets pass OUTPUT once: dropping them there cuts both directions of each rule above
        run(List.of("iptables", "-I", "OUTPUT", "1", "-j", chain));
    }

    /** Removes every rule; connections that timed out meanwhile are re-established by the processes themselves. */
    synchronized void heal() {
        if (!cut) {
            return;
        }
        cut = false;
        runQuietly(List.of("iptables", "-D", "OUTPUT", "-j", chain));
        runQuietly(List.of("iptables", "-F", chain));
        runQuietly(List.of("iptables", "-X", chain));
        try {
            Files.writeString(CGROUP_ROOT.resolve("cgroup.procs"), Long.toString(pid));
            Files.deleteIfExists(cgroup);
        } catch (IOException | RuntimeException ignored) {
            // the process may have ended: the empty group is removed with it or on the next run
        }
    }

    /** The pid of the running process whose command line contains {@code fragment}. */
    static long pidOf(String fragment) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(fragment)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no process runs with " + fragment));
    }

    @Override
    public void close() {
        heal();
    }

    private Set<Integer> listeningPorts() {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String line : run(List.of("ss", "-tlnpH")).split("\n")) {
            Matcher port = LISTEN.matcher(line);
            if (line.contains("pid=" + pid + ",") && port.find()) {
                ports.add(Integer.parseInt(port.group(1)));
            }
        }
        if (ports.isEmpty()) {
            throw new IllegalStateException("process " + pid + " listens on no loopback port");
        }
        return ports;
    }

    /** (local port, remote port) of each loopback TCP connection the process has. */
    private List<int[]> establishedConnections() {
        List<int[]> connections = new ArrayList<>();
        for (String line : run(List.of("ss", "-tnpH", "state", "established")).split("\n")) {
            Matcher ports = PORTS.matcher(line);
            if (line.contains("pid=" + pid + ",") && ports.find()) {
                connections.add(new int[] {Integer.parseInt(ports.group(1)), Integer.parseInt(ports.group(2))});
            }
        }
        return connections;
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            run(command);
        } catch (RuntimeException ignored) {
            // healing is best effort: a rule already gone is fine
        }
    }
}
