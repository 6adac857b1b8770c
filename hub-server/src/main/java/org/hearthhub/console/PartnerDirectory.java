package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.CoalitionPartnerStore;
import org.hearthhub.settings.Partner;
import org.hearthhub.settings.ProgramPartners;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.util.Ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The lead's partner directory: adds, edits and removes one entry at a time in the program settings,
 * each change an audit entry naming the partner ({@code partner.add}, {@code partner.update},
 * {@code partner.remove}) and nothing else. The lead also adopts entries of the coalition's directory
 * ({@code partner.adopt}) and drops them ({@code partner.drop}): the program keeps their ids only, so they
 * are the coalition's to edit, and a lead's edit of one is refused.
 */
final class PartnerDirectory implements PartnerBook {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final SettingsEditor settings;
    private final String programId;
    private final ProgramPartners partners;
    private final CoalitionPartnerStore coalition;

    PartnerDirectory(SettingsEditor settings, String programId, ProgramPartners partners, CoalitionPartnerStore coalition) {
        this.settings = settings;
        this.programId = programId;
        this.partners = partners;
        this.coalition = coalition;
    }

    /** The program's own entries, then those it adopted. */
    @Override
    public Future<List<Partner>> list() {
        return partners.all();
    }

    /** The coalition's entries the lead may adopt (not the one naming this program), each with whether it is adopted. */
    Future<List<Offered>> offered() {
        List<String> adopted = settings.current().adoptedPartners();
        return coalition.coalitionPartners().map(published -> published.stream()
                .filter(p -> !programId.equals(p.program()))
                .map(p -> new Offered(p, adopted.contains(p.id()))).toList());
    }

    /** A coalition entry as a lead is offered it: the entry, and whether the program adopted it. */
    record Offered(Partner partner, boolean adopted) {
        static List<JsonObject> json(List<Offered> offered) {
            return offered.stream().map(o -> SectionJson.write(o.partner()).put("adopted", o.adopted())).toList();
        }
    }

    @Override
    public Future<Partner> add(String actor, PartnerEntry entry) {
        String id = "p" + Ids.random(9);
        return coalition.coalitionPartners().compose(published -> settings.update(actor, "partner.add", name(entry), s -> {
            if (s.partners().size() >= PartnerEntry.MAX_PARTNERS) {
                throw Refusal.badRequest(PartnerEntry.TEXT_KEY, "the directory holds " + PartnerEntry.MAX_PARTNERS + " partners at most");
            }
            check(entry, ProgramPartners.of(s, published));
            List<Partner> all = new ArrayList<>(s.partners());
            all.add(entry.toPartner(id, Partner.FROM_PROGRAM));
            return s.withPartners(all);
        })).map(s -> s.partner(id).orElseThrow());
    }

    @Override
    public Future<Partner> update(String actor, String id, PartnerEntry entry) {
        return coalition.coalitionPartners().compose(published -> settings.update(actor, "partner.update", name(entry), s -> {
            if (s.adoptedPartners().contains(id)) throw coalitions();
            Partner old = existing(s, id);
            if (old.fromCoalition()) throw coalitions();
            check(entry, ProgramPartners.of(s, published).stream().filter(p -> !p.id().equals(id)).toList());
            Partner updated = entry.toPartner(old.id(), old.source());
            return s.withPartners(s.partners().stream().map(p -> p.id().equals(id) ? updated : p).toList());
        })).map(s -> s.partner(id).orElseThrow());
    }

    /**
     * Removes one of the program's own entries, or drops an adopted one. The audit entry names the partner as it
     * was; an unknown id changes nothing and writes no entry.
     */
    @Override
    public Future<Void> remove(String actor, String id) {
        if (settings.current().adoptedPartners().contains(id)) return drop(actor, id);
        Partner old;
        try {
            old = existing(settings.current(), id);
        } catch (Refusal e) {
            return Future.failedFuture(e);
        }
        return settings.update(actor, "partner.remove", old.name(), s -> {
            existing(s, id);
            return s.withPartners(s.partners().stream().filter(p -> !p.id().equals(id)).toList());
        }).mapEmpty();
    }

    /**
     * Adds a coalition entry to the program's directory, by reference: 404 for one the coalition does not publish,
     * 409 for the program itself or a name one of the program's own entries has. Adopting it again changes nothing.
     */
    Future<Partner> adopt(String actor, String id) {
        return published(id).compose(published -> {
            Partner entry = find(published, id).orElseThrow(PartnerDirectory::unknown);
            if (programId.equals(entry.program())) throw new Refusal(ErrorCode.CONFLICT, "error.partner.self");
            if (settings.current().adoptedPartners().contains(id)) return Future.succeededFuture(entry);
            return settings.update(actor, "partner.adopt", entry.name(), s -> {
                if (s.partners().stream().anyMatch(p -> p.name().equalsIgnoreCase(entry.name()))) {
                    throw new Refusal(ErrorCode.CONFLICT, "error.partner.duplicate");
                }
                List<String> ids = new ArrayList<>(stillPublished(s, published));
                if (!ids.contains(id)) ids.add(id);
                return s.withAdoptedPartners(ids);
            }).map(entry);
        });
    }

    /** Takes an adopted entry out of the program's directory (the coalition keeps it); 404 for one not adopted. */
    Future<Void> drop(String actor, String id) {
        return published(id).compose(published -> {
            Partner entry = find(published, id).filter(p -> settings.current().adoptedPartners().contains(id))
                    .orElseThrow(PartnerDirectory::unknown);
            return settings.update(actor, "partner.drop", entry.name(), s -> s.withAdoptedPartners(
                    stillPublished(s, published).stream().filter(adopted -> !adopted.equals(id)).toList()));
        }).mapEmpty();
    }

    /** The coalition's directory, once the id is one a directory could hold. */
    private Future<List<Partner>> published(String id) {
        if (id == null || !ID.matcher(id).matches()) return Future.failedFuture(unknown());
        return coalition.coalitionPartners();
    }

    /** The adopted ids whose entries the coalition still publishes: those it deleted are forgotten at the next change. */
    private static List<String> stillPublished(ProgramSettings s, List<Partner> published) {
        return s.adoptedPartners().stream().filter(id -> find(published, id).isPresent()).toList();
    }

    private static Optional<Partner> find(List<Partner> published, String id) {
        return published.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private void check(PartnerEntry entry, List<Partner> others) {
        List<SectionProblem> problems = entry.validate(programId, others);
        if (!problems.isEmpty()) throw problems.get(0).refusal();
    }

    private static Partner existing(ProgramSettings s, String id) {
        if (id == null || !ID.matcher(id).matches()) throw unknown();
        return s.partner(id).orElseThrow(PartnerDirectory::unknown);
    }

    private static Refusal unknown() {
        return Refusal.notFound("error.partner.unknown");
    }

    private static Refusal coalitions() {
        return new Refusal(ErrorCode.CONFLICT, "error.partner.coalition");
    }

    /** The audit target: the name as sent (checked before anything is saved), never longer than a name may be. */
    private static String name(PartnerEntry entry) {
        String name = SectionChecks.clean(entry.name());
        return name == null ? "" : name.substring(0, Math.min(name.length(), SettingsSection.MAX_NAME));
    }
}
