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
 * Applies a lead's change to one settings section: the change is made to the document as stored and saved in one
 * step against every other save ({@link CurrentSettings#update}: a compare-and-set on Redis, the store's lock on
 * files), so the hot path sees it at once and a change another node saved is kept, even when its notice has not
 * arrived, or when both nodes save at the same moment. Then an audit entry {@code (lead, "settings.update",
 * section)}, or one of the change's own (a partner added, by name). Saves on this node run one after another, so
 * they do not miss each other's compare-and-set.
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

    /**
     * {@code change} may throw a {@link Refusal}; then nothing is saved. It may be applied more than once (another
     * node saved in between), so it must depend on nothing but the settings it is given.
     */
    Future<ProgramSettings> update(String actor, String section, UnaryOperator<ProgramSettings> change) {
        return update(actor, ACTION, section, change);
    }

    /**
     * As {@link #update(String, String, UnaryOperator)}, with the audit entry's own action and target
     * (e.g. {@code partner.add} and the partner's name).
     */
    Future<ProgramSettings> update(String actor, String action, String target, UnaryOperator<ProgramSettings> change) {
        return saves.run(() -> settings.update(change)
                .compose(changed -> audit.record(Actor.staff(actor), action, target, null).map(entry -> changed)));
    }
}
