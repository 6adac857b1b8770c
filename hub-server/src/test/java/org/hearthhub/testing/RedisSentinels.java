package org.hearthhub.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Redis Sentinel deployment on loopback, as docs/operations.md describes it: for each named group a
 * master and one replica (real {@code redis-server}s), watched by three sentinels ({@code redis-server
 * --sentinel}, quorum 2). Quick to fail over: a master is down after {@link #DOWN_AFTER_MILLIS}.
 * {@link #killMaster} plays a host dying; {@link #awaitFailover} waits until every sentinel names a new
 * master.
 */
public final class RedisSentinels implements AutoCloseable {
    public static final int DOWN_AFTER_MILLIS = 1_000;
    private static final int FAILOVER_TIMEOUT_MILLIS = 3_000;
    private static final int SENTINELS = 3;
    private static final long READY_MILLIS = 30_000;

    /** group name → its master first, then its replica (the order changes as failovers promote). */
    private final Map<String, List<RedisServer>> groups = new LinkedHashMap<>();
    private final List<RedisServer> sentinels = new ArrayList<>();

    private RedisSentinels() {
    }

    /**
     * @param groups group (master) name → extra {@code redis-server} options of its master and replica,
     *               e.g. {@code --save "" --appendonly no} for the live store
     */
    public static RedisSentinels start(Path dir, Map<String, List<String>> groups) throws Exception {
        RedisSentinels all = new RedisSentinels();
        try {
            StringBuilder config = new StringBuilder("sentinel resolve-hostnames no\n");
            for (Map.Entry<String, List<String>> g : groups.entrySet()) {
                // A replica's first sync otherwise waits 5 s for more replicas to share the transfer.
                List<String> options = new ArrayList<>(g.getValue());
                options.addAll(List.of("--repl-diskless-sync-delay", "0"));
                String[] args = options.toArray(String[]::new);
                RedisServer master = RedisServer.start(dir.resolve(g.getKey() + "-a"), args);
                RedisServer replica = RedisServer.replicaOf(dir.resolve(g.getKey() + "-b"), master, args);
                all.groups.put(g.getKey(), new ArrayList<>(List.of(master, replica)));
                all.await(() -> String.valueOf(replica.send("INFO", "replication")).contains("master_link_status:up"),
                        "the " + g.getKey() + " replica to sync");
                config.append("sentinel monitor ").append(g.getKey()).append(" 127.0.0.1 ").append(master.port()).append(" 2\n")
                        .append("sentinel down-after-milliseconds ").append(g.getKey()).append(' ').append(DOWN_AFTER_MILLIS).append('\n')
                        .append("sentinel failover-timeout ").append(g.getKey()).append(' ').append(FAILOVER_TIMEOUT_MILLIS).append('\n');
            }
            for (int i = 0; i < SENTINELS; i++) all.sentinels.add(RedisServer.sentinel(dir.resolve("sentinel-" + i), config.toString()));
            // Ready once every sentinel knows each master's replica and the other two sentinels (they meet over
            // hello messages every 2 s): a failover needs a quorum that agrees and a replica to promote.
            for (String name : groups.keySet()) {
                all.await(() -> all.sentinels.stream().allMatch(s -> all.sentinelLine(s, name).contains(",slaves=1,sentinels=" + SENTINELS)),
                        "the sentinels to know the " + name + " replica and each other");
            }
            return all;
        } catch (Exception | AssertionError e) {
            all.close();
            throw e;
        }
    }

    /** {@code redis-sentinel://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3#group}: the URL the hub is given. */
    public String url(String group) {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","))
                + "#" + group;
    }

    /** The group's master now (as the sentinels last agreed). */
    public RedisServer master(String group) {
        return groups.get(group).get(0);
    }

    public RedisServer replica(String group) {
        return groups.get(group).get(1);
    }

    /** Kills the group's master with SIGKILL, as a dying host would; returns it. */
    public RedisServer killMaster(String group) throws Exception {
        RedisServer master = master(group);
        master.kill();
        return master;
    }

    /**
     * Waits until every sentinel names the replica as the group's master and it acts as one, then
     * records the swap. The old master stays down.
     */
    public void awaitFailover(String group, long timeoutMillis) throws Exception {
        RedisServer promoted = replica(group);
        String address = "address=127.0.0.1:" + promoted.port() + ",";
        await(() -> sentinels.stream().allMatch(s -> sentinelLine(s, group).contains(address))
                && String.valueOf(promoted.send("INFO", "replication")).contains("role:master"), "the " + group + " failover", timeoutMillis);
        List<RedisServer> servers = groups.get(group);
        servers.add(servers.remove(0));
    }

    /** The sentinel's INFO line about this group: {@code masterN:name=live,status=ok,address=...,slaves=1,sentinels=3}. */
    private String sentinelLine(RedisServer sentinel, String group) {
        String info = String.valueOf(sentinel.send("INFO", "sentinel"));
        return info.lines().filter(l -> l.contains(":name=" + group + ",")).findFirst().orElse("");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void await(Condition condition, String what) throws Exception {
        await(condition, what, READY_MILLIS);
    }

    private void await(Condition condition, String what, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        for (RedisServer s : sentinels) s.kill();
        for (List<RedisServer> servers : groups.values()) {
            for (RedisServer s : servers) s.kill();
        }
    }
}
