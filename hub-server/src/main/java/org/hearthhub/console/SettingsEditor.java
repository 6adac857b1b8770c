package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.util.Serially;

import java.util.function.UnaryOperator;

/**
 * Applies a lead's change to one settings section: read the current document from the store, change that
 * section, save through {@link CurrentSettings} (so the hot path sees it at once) and write an audit entry
 * {@code (lead, "settings.update", section)}, or one of the change's own (a partner added, by name).
 * Saves on this node run one after another, so two leads editing different sections at the same moment
 * do not overwrite each other. The document is read from the store, not from memory, so that a change another
 * node saved is kept even when its notice has not arrived (or was lost, until the safety poll); two nodes saving
 * within the same round trip to the store can still overwrite each other.
 */
final class SettingsEditor {
    static final String ACTION = "settings.update";

    private final CurrentSettings settings;
    private final AuditLog audit;
    private final Serially saves = new Serially();

    SettingsEditor(CurrentSettings settings, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    ProgramSettings current() {
        return settings.get();
    }

    /** {@code change} may throw a {@link Refusal}; then nothing is saved. */
    Future<ProgramSettings> update(String actor, String section, UnaryOperator<ProgramSettings> change) {
        return update(actor, ACTION, section, change);
    }

    /**
     * As {@link #update(String, String, UnaryOperator)}, with the audit entry's own action and target
     * (e.g. {@code partner.add} and the partner's name).
     */
    Future<ProgramSettings> update(String actor, String action, String target, UnaryOperator<ProgramSettings> change) {
        return saves.run(() -> settings.reload().compose(stored -> {
            ProgramSettings changed = change.apply(stored);
            return settings.save(changed)
                    .compose(v -> audit.record(Actor.staff(actor), action, target, null))
                    .map(entry -> changed);
        }));
    }
}
