package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.auth.TotpRules;
import org.hearthhub.auth.Usernames;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.ProgramSettings.StaffSecurity;
import org.hearthhub.model.Role;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A program's staff as its lead sees and edits them (the roster: who works here, in what role, with what capacity,
 * languages and program phone; adding, editing, disabling and taking someone out of the program) and as the people
 * change their own preferences. Every change is audited (who, what, on whom), a lead's change to the account in the log
 * of every program the person works in ({@link AccountChangeLog}). Disabling an account or changing its role ends all
 * of its sessions, so an old cookie keeps no power it should have lost. Changes run one after another with the
 * program's other staff changes ({@link ProgramAccounts#oneAfterAnother}); each is made to the account as stored, in
 * one step against every other save of it, so a change on another node (or another program's lead's, or the person's
 * own) made at the same moment is never undone.
 */
final class StaffRoster {
    /** The settings section (audit target) of who must use TOTP. */
    static final String SECURITY = "security";

    private final ProgramAccounts accounts;
    private final StaffRights rights;
    private final PasswordHasher hasher;
    private final StaffSessions sessions;
    private final SettingsEditor settings;
    private final AccountChangeLog audit;
    private final Clock clock;
    private final int maxCapacity;
    private final ProgramLeave leave;
    private final TotpRules totp;

    StaffRoster(ProgramAccounts accounts, StaffRights rights, PasswordHasher hasher, StaffSessions sessions, SettingsEditor settings,
                AccountChangeLog audit, Clock clock, int maxCapacity, ProgramLeave leave, TotpRules totp) {
        this.accounts = accounts;
        this.rights = rights;
        this.hasher = hasher;
        this.sessions = sessions;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.maxCapacity = maxCapacity;
        this.leave = leave;
        this.totp = totp;
    }

    /**
     * What the staff page shows of each account: never the hash or the TOTP secret. {@code phoneLocked}: the lead
     * looking ({@code viewer}) may not change the person's program phone ({@link StaffRights#ringsFor}), so the page shows it
     * without letting it be edited.
     */
    JsonObject view(Account a, Account viewer) {
        return new JsonObject()
                .put("username", a.username())
                .put("displayName", a.displayName())
                .put("role", accounts.roleOf(a).wire())
                .put("capacity", a.capacity())
                .put("languages", new JsonArray(a.languages()))
                .put("uiLanguage", a.uiLanguage())
                .put("phone", a.phone())
                .put("phoneLocked", viewer != null && !rights.ringsFor(viewer, a))
                .put("disabled", a.disabled())
                .put("otherPrograms", accounts.worksElsewhere(a))
                .put("totpEnrolled", a.totpSecret() != null)
                // Required by this program's rule (the lead's to change), or by another of the person's programs (not theirs).
                .put("totpRequired", totp.requires(a))
                .put("totpRequiredHere", settings.current().staffSecurity().requiresTotp(a.username()))
                .put("totpRequiredElsewhere", totp.requiredOutside(a, accounts.program()))
                .put("createdAt", a.createdAt() == null ? null : a.createdAt().toString());
    }

    /** Only the people who work in this program. */
    Future<List<Account>> list() {
        return accounts.list();
    }

    Future<Account> create(String actor, JsonObject body) {
        String username = Usernames.normalize(Routes.text(body, "username", 64, true, "error.username"));
        if (!Usernames.isValid(username)) throw Refusal.badRequest("error.username");
        if (Usernames.isReserved(username)) throw Refusal.badField("username", "error.username_reserved", username);
        String displayName = Routes.shownName(body, "displayName", StaffFields.MAX_DISPLAY_NAME, true, "error.display_name");
        Role role = StaffFields.role(body.getValue("role"));
        String password = StaffFields.password(body.getValue("password"));
        int capacity = StaffFields.capacity(body.getValue("capacity"), Math.min(2, maxCapacity), maxCapacity);
        List<String> languages = StaffFields.languages(body.getValue("languages"), List.of(Languages.DEFAULT));
        String ui = Languages.normalizeConsole(body.getValue("uiLanguage") instanceof String s ? s : null);
        boolean requireTotp = Boolean.TRUE.equals(body.getValue("requireTotp"));
        return accounts.oneAfterAnother(() -> accounts.lookUp(username).compose(existing -> {
            if (existing.isPresent()) return Future.failedFuture(new Refusal(ErrorCode.CONFLICT, "error.username_taken"));
            return hasher.hash(password)
                    .map(hash -> accounts.newMember(Account.newMember(username, displayName, role, hash, true, capacity, clock.instant())
                            .withLanguages(languages).withUiLanguage(ui), role))
                    .compose(account -> accounts.create(username, stored -> {
                                // Another node may have created it since the look above.
                                if (stored.isPresent()) throw new Refusal(ErrorCode.CONFLICT, "error.username_taken");
                                return account;
                            })
                            .compose(v -> audit.here(actor, "account.create", username, "role=" + role.wire()))
                            .compose(v -> requireTotp ? setTotpRequired(actor, username, true) : Future.succeededFuture())
                            .map(v -> account));
        }));
    }

    /** Optional fields: displayName, role, capacity, languages, disabled, requireTotp, phone ("" or null removes it). */
    Future<Account> update(String actor, String username, JsonObject body) {
        String displayName = body.containsKey("displayName")
                ? Routes.shownName(body, "displayName", StaffFields.MAX_DISPLAY_NAME, true, "error.display_name") : null;
        Role role = body.containsKey("role") ? StaffFields.role(body.getValue("role")) : null;
        Integer capacity = body.containsKey("capacity") ? StaffFields.capacity(body.getValue("capacity"), null, maxCapacity) : null;
        List<String> languages = body.containsKey("languages") ? StaffFields.languages(body.getValue("languages"), null) : null;
        Boolean disabled = StaffFields.flag(body, "disabled");
        Boolean requireTotp = StaffFields.flag(body, "requireTotp");
        boolean phoneGiven = body.containsKey("phone");
        String phone = phoneGiven ? StaffFields.phone(body.getValue("phone")) : null;
        if (username.equals(actor) && Boolean.TRUE.equals(disabled)) throw Refusal.badRequest("error.self_disable");
        // By the acting lead (their account is read when the body carries a phone, which only some may change).
        Function<Account, UnaryOperator<Account>> editBy = by -> a -> {
            // Disabling is hub-wide: someone another program relies on too is taken out of this one instead.
            if (Boolean.TRUE.equals(disabled) && !a.disabled() && accounts.worksElsewhere(a)) {
                throw new Refusal(ErrorCode.CONFLICT, "error.disable_elsewhere", username);
            }
            // Checked on the account as stored too: a program they joined meanwhile counts. The phone as it is passes.
            if (phoneGiven && !Objects.equals(phone, a.phone())) rights.mayRing(by, a);
            Account edited = a;
            if (displayName != null) edited = edited.withDisplayName(displayName);
            if (disabled != null) edited = edited.withDisabled(disabled);
            if (capacity != null) edited = edited.withCapacity(capacity);
            if (languages != null) edited = edited.withLanguages(languages);
            if (phoneGiven) edited = edited.withPhone(phone);
            return role != null && role != accounts.roleOf(a) ? accounts.withRoleHere(edited, role) : edited;
        };
        Future<Account> noLead = Future.succeededFuture(null);
        return accounts.oneAfterAnother(() -> accounts.existing(username).compose(a -> (phoneGiven ? accounts.actingLead(actor) : noLead).compose(by -> {
            UnaryOperator<Account> edit = editBy.apply(by);
            Account next = edit.apply(a);
            List<String> changed = changes(a, next);
            boolean losesRights = accounts.roleOf(next) != accounts.roleOf(a) || (next.disabled() && !a.disabled());
            boolean aLeadLeaves = accounts.roleOf(a) == Role.LEAD && (accounts.roleOf(next) != Role.LEAD || next.disabled());
            // Answers the account as saved: the edit made to it as stored, which another save may have changed since.
            return (aLeadLeaves ? accounts.keepsALead(username) : Future.<Void>succeededFuture())
                    .compose(v -> changed.isEmpty() ? Future.succeededFuture(a) : accounts.change(username, edit)
                            .compose(saved -> audit.everywhere(actor, "account.update", saved, String.join(",", changed))
                                    .map(saved)))
                    .compose(saved -> (losesRights ? sessions.endAllFor(username).<Void>mapEmpty() : Future.<Void>succeededFuture())
                            .compose(v -> requireTotp == null ? Future.<Void>succeededFuture() : setTotpRequired(actor, username, requireTotp))
                            .map(saved));
        })));
    }

    /** What {@link #removeFromProgram} did. */
    enum Removal {
        /** Taken out of this program; the account and its other programs stay. */
        REMOVED,
        /** This was the person's only program: the account is disabled, as it always was. */
        DISABLED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Takes the person out of this program only, when they work in another too: refused (409) while they hold chats
     * here, which would be left with nobody; otherwise their role here goes (and this program's TOTP rule for them),
     * their shift here ends and their consoles for it close; their session, other programs and roles stay. Someone who
     * works here alone is disabled, as Disable does. Never yourself.
     */
    Future<Removal> removeFromProgram(String actor, String username) {
        if (username.equals(actor)) throw Refusal.badRequest("error.self_remove");
        Future<Removal> done = accounts.oneAfterAnother(() -> accounts.existing(username).compose(a -> {
            if (!accounts.worksElsewhere(a)) return Future.succeededFuture(Removal.DISABLED);
            // The actor leads here and is not the one leaving (refused above), so the program keeps a lead.
            return leave.chatsHeld(username)
                    .compose(held -> held > 0
                            ? Future.failedFuture(new Refusal(ErrorCode.CONFLICT, "error.remove_holds_chats", username, held))
                            : takenOut(username))
                    .compose(out -> !out ? Future.succeededFuture(Removal.DISABLED)
                            : recordRemoval(actor, username, a).compose(v -> leave.leave(username)).map(Removal.REMOVED));
        }));
        // Working here alone: today's Disable, with its own checks (the last lead) and its sessions ended.
        return done.compose(r -> r == Removal.REMOVED ? Future.succeededFuture(r)
                : update(actor, username, new JsonObject().put("disabled", true)).map(Removal.DISABLED));
    }

    /**
     * Takes the person out of this program, as stored, if they still work in another: another program's lead may have
     * taken them out of theirs meanwhile, and an account listing no program is read as the default program's. False
     * (nothing changed) when this is their last program.
     */
    private Future<Boolean> takenOut(String username) {
        AtomicBoolean out = new AtomicBoolean();
        return accounts.change(username, stored -> {
            out.set(accounts.worksElsewhere(stored));
            return out.get() ? accounts.withRoleHere(stored, null) : stored;
        }).map(saved -> out.get());
    }

    private Future<Void> recordRemoval(String actor, String username, Account a) {
        return audit.here(actor, "account.remove", username, "role=" + accounts.roleOf(a).wire())
                .compose(v -> settings.current().staffSecurity().requireTotpFor().contains(username)
                        ? setTotpRequired(actor, username, false) : Future.<Void>succeededFuture());
    }

    /** The person's own preferences: languages spoken, default capacity, console language. Null fields stay. */
    Future<Account> updateSelf(String username, JsonObject body) {
        List<String> languages = body.containsKey("languages") ? StaffFields.languages(body.getValue("languages"), null) : null;
        Integer capacity = body.containsKey("capacity") ? StaffFields.capacity(body.getValue("capacity"), null, maxCapacity) : null;
        String ui = null;
        if (body.containsKey("uiLanguage")) {
            if (!(body.getValue("uiLanguage") instanceof String s) || !Languages.supported(s) || !Languages.of(s).console()) {
                throw Refusal.badRequest("error.ui_language");
            }
            ui = s;
        }
        String uiLanguage = ui;
        return accounts.oneAfterAnother(() -> accounts.existing(username).compose(found -> accounts.change(username, a -> {
            Account edited = a;
            if (capacity != null) edited = edited.withCapacity(capacity);
            if (languages != null) edited = edited.withLanguages(languages);
            if (uiLanguage != null) edited = edited.withUiLanguage(uiLanguage);
            return edited;
        })));
    }

    private Future<Void> setTotpRequired(String actor, String username, boolean required) {
        return settings.update(actor, SECURITY, s -> {
            Set<String> names = new LinkedHashSet<>(s.staffSecurity().requireTotpFor());
            if (required) names.add(username);
            else names.remove(username);
            return s.withStaffSecurity(new StaffSecurity(s.staffSecurity().requireTotpForAll(), List.copyOf(names)));
        }).mapEmpty();
    }

    /** Field names (and the new role or disabled state), for the audit detail: no names or other text. */
    private List<String> changes(Account a, Account b) {
        List<String> out = new ArrayList<>();
        if (!a.displayName().equals(b.displayName())) out.add("displayName");
        if (accounts.roleOf(a) != accounts.roleOf(b)) out.add("role=" + accounts.roleOf(b).wire());
        if (a.capacity() != b.capacity()) out.add("capacity=" + b.capacity());
        if (!a.languages().equals(b.languages())) out.add("languages=" + String.join("+", b.languages()));
        if (a.disabled() != b.disabled()) out.add("disabled=" + b.disabled());
        // Staff data, but the audit log still names only that it changed.
        if (!Objects.equals(a.phone(), b.phone())) out.add("phone");
        return out;
    }
}
