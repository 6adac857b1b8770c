package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.audit.AuditStore;
import org.hearthhub.sharing.SharingStore;
import org.hearthhub.stats.DailyCounterStore;

/**
 * Durable program data: accounts, settings, the audit log, the sharing register and daily statistics. Never conversation
 * content. Every write is atomic (a reader sees the old or the new value, never a torn one).
 * Implementations scope everything under one program id so tenancy can be added later.
 *
 * <p>One implementation keeps all five, so {@code Hub} opens and closes one store; the parts of the hub
 * each depend on the one part they use.
 */
public interface SettingsStore extends AccountStore, ProgramSettingsStore, AuditStore, SharingStore, DailyCounterStore {

    /**
     * Where this store keeps its data, for messages to operators: "data directory PATH" or
     * "settings Redis at HOST:PORT". Never a password or a full URL.
     */
    String location();

    Future<Void> close();
}
