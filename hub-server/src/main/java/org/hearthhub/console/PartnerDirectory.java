package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.Partner;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.util.Ids;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lead's partner directory: adds, edits and removes one entry at a time in the program settings,
 * each change an audit entry naming the partner ({@code partner.add}, {@code partner.update},
 * {@code partner.remove}) and nothing else. Entries a coalition published are the coalition's to edit;
 * a lead may only remove them.
 */
final class PartnerDirectory {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final SettingsEditor settings;
    private final String programId;

    PartnerDirectory(SettingsEditor settings, String programId) {
        this.settings = settings;
        this.programId = programId;
    }

    List<Partner> list() {
        return settings.current().partners();
    }

    Future<Partner> add(String actor, PartnerEntry entry) {
        String id = "p" + Ids.random(9);
        return settings.update(actor, "partner.add", name(entry), s -> {
            if (s.partners().size() >= PartnerEntry.MAX_PARTNERS) {
                throw Refusal.badRequest(PartnerEntry.TEXT_KEY, "the directory holds " + PartnerEntry.MAX_PARTNERS + " partners at most");
            }
            check(entry, s.partners());
            List<Partner> all = new ArrayList<>(s.partners());
            all.add(entry.toPartner(id, Partner.FROM_PROGRAM));
            return s.withPartners(all);
        }).map(s -> s.partner(id).orElseThrow());
    }

    Future<Partner> update(String actor, String id, PartnerEntry entry) {
        return settings.update(actor, "partner.update", name(entry), s -> {
            Partner old = existing(s, id);
            if (old.fromCoalition()) throw new Refusal(ErrorCode.CONFLICT, "error.partner.coalition");
            check(entry, s.partners().stream().filter(p -> !p.id().equals(id)).toList());
            Partner updated = entry.toPartner(old.id(), old.source());
            return s.withPartners(s.partners().stream().map(p -> p.id().equals(id) ? updated : p).toList());
        }).map(s -> s.partner(id).orElseThrow());
    }

    /** The audit entry names the partner as it was; an unknown id changes nothing and writes no entry. */
    Future<Void> remove(String actor, String id) {
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

    private void check(PartnerEntry entry, List<Partner> others) {
        List<SectionProblem> problems = entry.validate(programId, others);
        if (!problems.isEmpty()) throw problems.get(0).refusal();
    }

    private static Partner existing(ProgramSettings s, String id) {
        if (id == null || !ID.matcher(id).matches()) throw Refusal.notFound("error.partner.unknown");
        return s.partner(id).orElseThrow(() -> Refusal.notFound("error.partner.unknown"));
    }

    /** The audit target: the name as sent (checked before anything is saved), never longer than a name may be. */
    private static String name(PartnerEntry entry) {
        String name = SectionChecks.clean(entry.name());
        return name == null ? "" : name.substring(0, Math.min(name.length(), SettingsSection.MAX_NAME));
    }
}
