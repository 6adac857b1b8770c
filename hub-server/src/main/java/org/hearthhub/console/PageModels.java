package org.hearthhub.console;

import org.hearthhub.hosting.HostedPrograms;

import io.vertx.ext.web.RoutingContext;
import org.hearthhub.audit.AuditUsage;
import org.hearthhub.i18n.Language;
import org.hearthhub.i18n.Languages;
import org.hearthhub.model.Role;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every console page's template gets: the language, its direction and its texts ({@code t}), the
 * languages the hub speaks ({@code languages}) and those the consoles speak ({@code consoleLanguages}), the signed-in
 * person, the CSRF token (read by the scripts from a meta element), the active navigation entry, and for
 * leads the audit log's size warning ({@link AuditUsageNotice}).
 */
final class PageModels {
    /** Lead pages in navigation order: path segment under /console/lead/ and its text key. */
    static final List<Map<String, String>> LEAD_NAV = List.of(
            nav("hours", "nav.hours"), nav("referrals", "nav.referrals"), nav("canned", "nav.canned"),
            nav("partners", "nav.partners"), nav("sharing", "nav.sharing"),
            nav("staff", "nav.staff"), nav("widget", "nav.widget"), nav("retention", "nav.retention"),
            nav("stats", "nav.stats"), nav("audit", "nav.audit"));

    private final ConsoleText texts;

    PageModels(ConsoleText texts) {
        this.texts = texts;
    }

    /**
     * @param session null on the sign-in page
     * @param account the fresh account when loaded (its language wins over the session's)
     */
    Map<String, Object> base(RoutingContext ctx, StaffSession session, Account account, String page) {
        String lang = Languages.normalizeConsole(account != null ? account.uiLanguage()
                : session != null ? session.uiLanguage() : ctx.request().getParam("lang"));
        Map<String, Object> model = new HashMap<>();
        Map<String, String> t = texts.all(lang);
        model.put("lang", lang);
        model.put("dir", Languages.of(lang).direction());
        model.put("t", t);
        model.put("languages", Languages.all().stream().map(l -> language(l, t)).toList());
        model.put("languageLabels", Languages.all().stream().collect(Collectors.toMap(Language::code, l -> label(l, t))));
        model.put("consoleLanguages", Languages.console().stream().map(l -> language(l, t)).toList());
        model.put("scriptTexts", texts.scriptTexts(lang));
        model.put("page", page);
        model.put("leadNav", LEAD_NAV);
        model.put("leadPage", LEAD_NAV.stream().anyMatch(n -> n.get("id").equals(page)));
        model.put("signedIn", session != null);
        model.put("coalitionAdmin", account != null && account.coalitionAdmin());
        model.put("csrf", session == null ? "" : session.csrfToken());
        model.put("username", session == null ? "" : session.username());
        model.put("displayName", account != null ? account.displayName() : session == null ? "" : session.displayName());
        HostedPrograms.Membership at = ctx == null ? null : Workplace.of(ctx);
        model.put("isLead", at != null ? at.leads() : session != null && session.role() == Role.LEAD);
        model.put("program", at == null ? null : at.program().id().value());
        model.put("programs", ctx == null ? List.of() : Workplace.all(ctx));
        model.put("firstLeadFile", null); // ConsolePages fills it in for the first lead
        AuditUsage usage = AuditUsageNotice.of(ctx);
        model.put("auditWarning", usage != null && usage.nearlyFull()
                ? texts.text(lang, "audit.nearly_full", usage.megabytes(), usage.capMegabytes(), usage.percent()) : null);
        return model;
    }

    /**
     * A language as the pages list it: {@code code}, {@code name} in itself (for choosing a language to read),
     * {@code label} in the page's language where the console bundle has one (for naming what someone speaks).
     */
    private static Map<String, String> language(Language l, Map<String, String> t) {
        return Map.of("code", l.code(), "name", l.name(), "dir", l.direction(), "label", label(l, t));
    }

    private static String label(Language l, Map<String, String> t) {
        return t.getOrDefault("lang." + l.code(), l.name());
    }

    private static Map<String, String> nav(String id, String key) {
        return Map.of("id", id, "key", key);
    }
}
