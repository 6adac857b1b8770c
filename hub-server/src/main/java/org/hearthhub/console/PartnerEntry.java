package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Referral;
import org.hearthhub.settings.Partner;

import java.util.List;

/**
 * One partner as the lead's form sends it ({@code POST /api/v1/lead/partners}, {@code PUT …/:id}): the
 * hub gives the id and the source. Contacts follow the referral form's rules (a phone or text number,
 * an http(s) address) plus a plain e-mail address; {@code program} names a program on this hub.
 */
record PartnerEntry(String name, List<String> services, List<String> languages, String phone, String sms, String email,
                    String url, String program) {
    static final int MAX_PARTNERS = 200;
    static final int MAX_SERVICES = 10;
    static final int MAX_LANGUAGES = 20;
    static final int MAX_LABEL = 80;
    static final String TEXT_KEY = "error.partner";

    /** The entry a request's body holds, read strictly ({@code id} and {@code source} are the hub's); else a 400 refusal. */
    static PartnerEntry from(RoutingContext ctx) {
        return SectionJson.read(ctx.body() == null ? null : ctx.body().buffer(), PartnerEntry.class, TEXT_KEY);
    }

    /** Entries as the APIs list them. */
    static List<JsonObject> json(List<Partner> partners) {
        return partners.stream().map(SectionJson::write).toList();
    }

    static PartnerEntry of(Partner p) {
        return new PartnerEntry(p.name(), p.services(), p.languages(), p.phone(), p.sms(), p.email(), p.url(), p.program());
    }

    /**
     * What is wrong, in the form's order; empty when it can be saved.
     *
     * @param ownProgram the lead's own program, which cannot be its own partner
     * @param others     the other entries of the directory, whose names this one must not repeat
     */
    List<SectionProblem> validate(String ownProgram, List<Partner> others) {
        SectionChecks checks = new SectionChecks(TEXT_KEY);
        checks.shownLine(name, "name", "name", SettingsSection.MAX_NAME, true);
        String cleanName = SectionChecks.clean(name);
        if (cleanName != null && others.stream().anyMatch(p -> p.name().equalsIgnoreCase(cleanName))) {
            checks.at("name", "error.partner.duplicate");
        }
        labels(checks, services, "services", MAX_SERVICES);
        labels(checks, languages, "languages", MAX_LANGUAGES);
        number(checks, phone, "phone");
        number(checks, sms, "sms");
        String mail = SectionChecks.clean(email);
        if (mail != null && !Partner.isEmail(mail)) checks.at("email", "error.field.email");
        checks.url(url, "url");
        String id = SectionChecks.clean(program);
        if (id != null && !ProgramId.isValid(id)) checks.at("program", "error.field.program");
        else if (id != null && id.equals(ownProgram)) checks.at("program", "error.partner.self");
        return checks.problems();
    }

    private static void labels(SectionChecks checks, List<String> values, String field, int max) {
        for (String v : checks.list(values, field, max)) {
            if (!checks.entry(v)) continue;
            // one input holds the whole list, so the problem is put at the list
            checks.shownLine(v, field, field, MAX_LABEL, true);
        }
    }

    private static void number(SectionChecks checks, String value, String field) {
        String number = SectionChecks.clean(value);
        if (number != null && !Referral.isPhone(number)) checks.at(field, "error.field.phone");
    }

    /** The entry to save, under {@code id} and from {@code source}; only for an entry {@link #validate} passed. */
    Partner toPartner(String id, String source) {
        return new Partner(id, SectionChecks.clean(name), cleaned(services), cleaned(languages), SectionChecks.clean(phone),
                SectionChecks.clean(sms), SectionChecks.clean(email), SectionChecks.clean(url), SectionChecks.clean(program), source);
    }

    private static List<String> cleaned(List<String> values) {
        return values == null ? List.of() : values.stream().map(SectionChecks::clean).toList();
    }
}
