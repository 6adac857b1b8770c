package org.hearthhub.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script from {@code src/main/resources/redis/}: one atomic step on the Redis server. Sent by
 * SHA-1 (EVALSHA); when Redis does not know it yet, e.g. after a restart emptied its script cache or
 * Sentinel promoted a replica (scripts reach replicas as their effects, never cached), the whole
 * source is sent once (EVAL) and cached again.
 */
public final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** @param resource path under {@code redis/}, e.g. {@code live/assign.lua} */
    public static LuaScript load(String resource) {
        String path = "/redis/" + resource;
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("script " + path + " is missing from the build");
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The SHA-1 it is run by ({@code EVALSHA}), as Redis names it. */
    public String sha() {
        return sha;
    }

    /**
     * Runs the script with these KEYS and ARGV. Every key the caller can name is a KEY, so Redis Cluster routes the
     * call by them and an ACL checks them; the keys a script finds as it runs (the conversations in the queue, say)
     * are named from the program's prefix, whose hash tag puts them in the same slot as the declared ones.
     */
    public <T> Future<T> run(RedisEndpoint redis, ScriptOutputType type, List<String> keys, String... args) {
        return redis.on(stage(redis.commands(), type, keys.toArray(String[]::new), args));
    }

    private <T> CompletionStage<T> stage(RedisAsyncCommands<String, String> commands, ScriptOutputType type, String[] keys, String[] args) {
        CompletionStage<T> bySha = commands.evalsha(sha, type, keys, args);
        return bySha.exceptionallyCompose(e -> RedisEndpoint.unwrap(e) instanceof RedisNoScriptException
                ? commands.<T>eval(source, type, keys, args)
                : CompletableFuture.failedStage(e));
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }
}
