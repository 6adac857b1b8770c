package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.CoalitionPartnerStore;
import org.hearthhub.settings.Partner;
import org.hearthhub.util.Ids;
import org.hearthhub.util.Serially;

import java.util.List;
import java.util.function.Function;

/**
 * The coalition's shared partner directory, kept by its admins: entries of the same shape and rules as a program's
 * own, which programs adopt by reference. Each change is an entry in the hub's access log (the default program's:
 * {@code coalition.partner.add}, {@code .update}, {@code .remove}) naming the partner and nothing else. This node's
 * changes run one after another, so the name and size checks see the directory each change is made to.
 */
final class CoalitionDirectory implements PartnerBook {
    private final CoalitionPartnerStore store;
    private final AuditLog hubLog;
    private final Serially changes = new Serially();

    CoalitionDirectory(CoalitionPartnerStore store, AuditLog hubLog) {
        this.store = store;
        this.hubLog = hubLog;
    }

    @Override
    public Future<List<Partner>> list() {
        return store.coalitionPartners();
    }

    @Override
    public Future<Partner> add(String actor, PartnerEntry entry) {
        Partner added = entry.toPartner("c" + Ids.random(9), Partner.FROM_COALITION);
        return inTurn(all -> {
            if (all.size() >= PartnerEntry.MAX_PARTNERS) {
                throw Refusal.badRequest(PartnerEntry.TEXT_KEY, "the directory holds " + PartnerEntry.MAX_PARTNERS + " partners at most");
            }
            check(entry, all);
            return store.addCoalitionPartner(added).compose(saved -> saved
                    ? recorded(actor, "coalition.partner.add", added.name()).map(added)
                    : Future.failedFuture(new IllegalStateException("a new coalition partner id was taken")));
        });
    }

    /** The whole entry; 404 for an id the directory does not hold (also when another admin deleted it meanwhile). */
    @Override
    public Future<Partner> update(String actor, String id, PartnerEntry entry) {
        return inTurn(all -> {
            existing(all, id);
            check(entry, all.stream().filter(p -> !p.id().equals(id)).toList());
            Partner updated = entry.toPartner(id, Partner.FROM_COALITION);
            return store.replaceCoalitionPartner(updated).compose(saved -> saved
                    ? recorded(actor, "coalition.partner.update", updated.name()).map(updated)
                    : Future.failedFuture(unknown()));
        });
    }

    /** Deletes the entry, and so takes it out of every program's directory that adopted it. */
    @Override
    public Future<Void> remove(String actor, String id) {
        return inTurn(all -> {
            Partner old = existing(all, id);
            return store.removeCoalitionPartner(id).compose(removed -> removed
                    ? recorded(actor, "coalition.partner.remove", old.name())
                    : Future.failedFuture(unknown()));
        });
    }

    /** One change at a time on this node, each given the directory as stored when its turn comes. */
    private <T> Future<T> inTurn(Function<List<Partner>, Future<T>> change) {
        return changes.run(() -> store.coalitionPartners().compose(change));
    }

    private static void check(PartnerEntry entry, List<Partner> others) {
        List<SectionProblem> problems = entry.validate(null, others);
        if (!problems.isEmpty()) throw problems.get(0).refusal();
    }

    private static Partner existing(List<Partner> all, String id) {
        if (id == null || !PartnerDirectory.ID.matcher(id).matches()) throw unknown();
        return all.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(CoalitionDirectory::unknown);
    }

    private static Refusal unknown() {
        return Refusal.notFound("error.partner.unknown");
    }

    private Future<Void> recorded(String actor, String action, String name) {
        return hubLog.record(Actor.staff(actor), action, name, null).mapEmpty();
    }
}
