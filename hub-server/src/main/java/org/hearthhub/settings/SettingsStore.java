package org.hearthhub.settings;

import io.vertx.core.Future;
import org.hearthhub.audit.AuditStore;
import org.hearthhub.model.ProgramId;
import org.hearthhub.sharing.SharingStore;
import org.hearthhub.stats.DailyCounterStore;

/**
 * Durable program data: accounts, settings, the audit log, the sharing register, daily statistics and the hub's own
 * keys. Never conversation
 * content. Every write is atomic (a reader sees the old or the new value, never a torn one).
 * A store holds one program's data, scoped by its id ({@code programs/<id>/}, {@code hearth:{<id>}:}),
 * and cannot reach another program's. The hub-wide parts (staff accounts, the list of programs) are the
 * ones of the default program's store.
 *
 * <p>One implementation keeps them all, so {@code Hub} opens and closes one store; the parts of the hub
 * each depend on the one part they use.
 */
public interface SettingsStore extends AccountStore, ProgramListStore, CoalitionPartnerStore, ProgramSettingsStore, AuditStore,
        SharingStore, DailyCounterStore, HubKeyStore {

    /**
     * The store of another program of the same hub, in the same place (data directory, Redis) and sharing this
     * store's connection: closing it leaves the connection to this store, which must be closed last.
     */
    SettingsStore forProgram(ProgramId program);

    /**
     * Where this store keeps its data, for messages to operators: "data directory PATH" or
     * "settings Redis at HOST:PORT". Never a password or a full URL.
     */
    String location();

    Future<Void> close();
}
