package org.hearthhub.settings;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.model.Program;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.util.Comparator;
import java.util.List;

/**
 * The hub's other programs in the settings Redis. Key, under the program's prefix {@code p} (the default program's is the hub's):
 * <pre>
 *   p programs         hash    program id → program JSON
 * </pre>
 */
final class RedisPrograms implements ProgramListStore {
    private static final LuaScript PROGRAM_NUMBERS = LuaScript.load("settings/program_numbers.lua");

    private final RedisEndpoint redis;
    private final StoreJson json;
    private final String key;

    RedisPrograms(RedisEndpoint redis, String prefix, StoreJson json) {
        this.redis = redis;
        this.json = json;
        this.key = prefix + "programs";
    }

    @Override
    public Future<List<Program>> programs() {
        return RedisJsonHashes.values(redis, json, key, Program.class).map(out -> {
            out.sort(Comparator.comparing(p -> p.id().value()));
            return out;
        });
    }

    @Override
    public Future<Boolean> addProgram(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return json.encode(program).compose(v -> redis.call(r -> r.hsetnx(key, program.id().value(), v)));
    }

    @Override
    public Future<NumbersSaved> saveNumbers(Program program) {
        if (program == null) return Future.failedFuture(new IllegalArgumentException("program must not be null"));
        return PROGRAM_NUMBERS.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key), program.id().value(),
                        program.smsNumber() == null ? "" : program.smsNumber(), program.voiceNumber() == null ? "" : program.voiceNumber())
                .map(saved -> saved == 1L ? NumbersSaved.SAVED : saved == 0L ? NumbersSaved.NO_SUCH_PROGRAM : NumbersSaved.NUMBER_TAKEN);
    }
}
