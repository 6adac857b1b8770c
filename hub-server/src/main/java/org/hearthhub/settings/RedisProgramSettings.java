package org.hearthhub.settings;

import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import org.hearthhub.redis.LuaScript;
import org.hearthhub.redis.RedisEndpoint;
import org.hearthhub.redis.StoreJson;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The program settings in the settings Redis. Keys, under the program's prefix {@code p}:
 * <pre>
 *   p settings         string  program settings JSON (absent: the defaults)
 *   p settingsVersion  string  counts settings saves (INCR, in the same script as the save); a lead's change is
 *                              saved only if it is still the version the change was made to (a compare-and-set)
 * </pre>
 * Each save's new version is announced on {@code p settings-changed} ({@link RedisChangeNotices}).
 */
final class RedisProgramSettings implements ProgramSettingsStore {
    private static final LuaScript SAVE_SETTINGS = LuaScript.load("settings/save_settings.lua");
    private static final LuaScript SAVE_SETTINGS_IF = LuaScript.load("settings/save_settings_if.lua");

    private final RedisEndpoint redis;
    private final StoreJson json;
    private final RedisChangeNotices notices;
    /** What the settings are before a lead saves any (StarterSettings). */
    private final ProgramSettings starter;
    private final String key;
    private final String versionKey;

    RedisProgramSettings(RedisEndpoint redis, String prefix, StoreJson json, RedisChangeNotices notices, ProgramSettings starter) {
        this.redis = redis;
        this.json = json;
        this.notices = notices;
        this.starter = starter;
        this.key = prefix + "settings";
        this.versionKey = prefix + "settingsVersion";
    }

    @Override
    public Future<ProgramSettings> programSettings() {
        return redis.call(r -> r.get(key)).map(v -> v == null
                ? starter
                : json.decode(v, ProgramSettings.class));
    }

    @Override
    public Future<Void> saveProgramSettings(ProgramSettings settings) {
        if (settings == null) return Future.failedFuture(new IllegalArgumentException("settings must not be null"));
        return json.encode(settings)
                .compose(v -> SAVE_SETTINGS.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key, versionKey), v))
                .compose(notices::settingsSaved);
    }

    /**
     * Reads the settings with their version, applies {@code change} and saves the result only if the version is
     * unchanged; when another node saved in between, reads again and applies the change to what it saved.
     */
    @Override
    public Future<ProgramSettings> updateProgramSettings(UnaryOperator<ProgramSettings> change) {
        return ContendedWrite.untilLanded("settings not saved: other nodes kept saving", () -> redis.call(r -> r.mget(key, versionKey)).compose(read -> {
            String stored = read.get(0).getValueOrElse(null);
            String version = read.get(1).getValueOrElse("");
            ProgramSettings changed = Objects.requireNonNull(
                    change.apply(stored == null ? starter : json.decode(stored, ProgramSettings.class)), "changed settings");
            return json.encode(changed)
                    .compose(v -> SAVE_SETTINGS_IF.<Long>run(redis, ScriptOutputType.INTEGER, List.of(key, versionKey), version, v))
                    .compose(saved -> saved < 0 ? ContendedWrite.<ProgramSettings>missed()
                            : notices.settingsSaved(saved).map(Optional.of(changed)));
        }));
    }

    /** Another node's save may have changed the settings. */
    @Override
    public Future<Void> watchProgramSettings(Runnable onChange) {
        return notices.watchProgramSettings(onChange);
    }
}
