package org.hearthhub.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.List;
import org.hearthhub.i18n.Languages;
import org.hearthhub.model.Role;

/**
 * A program-owned staff account. The password is only ever held as an Argon2id hash.
 *
 * @param totpSecret base32 TOTP secret, or null when the account has no second factor
 * @param capacity   how many chats the advocate holds at once by default
 * @param languages  languages the advocate speaks (ISO 639-1), used for routing
 * @param uiLanguage preferred console language
 * @param mustChangePassword the password was set by someone else (the first-start bootstrap, a lead):
 *                   the person chooses their own before anything else. Absent in older stores: false.
 * @param phone      the program phone (E.164) that rings when this advocate takes a hotline call; staff data a
 *                   lead sets, null for none
 * @param programs   the programs the person works in, program id → role there; empty (every account from before
 *                   programs existed) means the hub's default program alone, with {@code role}. Not written when empty,
 *                   so a single-program hub's accounts are stored exactly as before
 * @param coalitionAdmin creates programs and names their leads (hub-wide); not written when false
 * @param devicesEpoch   the account's staff device cookies are valid for this number only, so one step up voids every
 *                   one made before ({@link #withDevicesVoided}). Kept here, in the durable settings store, so that no
 *                   loss of the live store brings a voided cookie back. Not written when 0: every account from before
 *                   device epochs, and every account nothing has voided yet, is stored as before
 */
public record Account(
        String username,
        String displayName,
        Role role,
        String passwordHash,
        String totpSecret,
        boolean disabled,
        int capacity,
        List<String> languages,
        String uiLanguage,
        Instant createdAt,
        boolean mustChangePassword,
        String phone,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Role> programs,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean coalitionAdmin,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long devicesEpoch) {

    public Account {
        languages = languages == null ? List.of(Languages.DEFAULT) : List.copyOf(languages);
        uiLanguage = uiLanguage == null ? Languages.DEFAULT : uiLanguage;
        programs = programs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(programs));
    }

    /** No device cookie voided yet. */
    public Account(String username, String displayName, Role role, String passwordHash, String totpSecret, boolean disabled,
                   int capacity, List<String> languages, String uiLanguage, Instant createdAt, boolean mustChangePassword,
                   String phone, Map<String, Role> programs, boolean coalitionAdmin) {
        this(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, 0);
    }

    /** In the default program alone (an account as it was before programs existed). */
    public Account(String username, String displayName, Role role, String passwordHash, String totpSecret, boolean disabled,
                   int capacity, List<String> languages, String uiLanguage, Instant createdAt, boolean mustChangePassword,
                   String phone) {
        this(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, Map.of(), false);
    }

    /**
     * A brand-new account, as the first start's lead, {@code user add} and a lead's create in the console make one: in
     * the default program alone, in the hub's default language (languages and console), with no authenticator, no
     * program phone, enabled and not a coalition admin. Each maker changes what its own form sets with the with…
     * copies, so a field added to the account gets its one default here.
     *
     * @param mustChangePassword the password is one someone else chose, for the person to replace at the first sign-in
     */
    public static Account newMember(String username, String displayName, Role role, String passwordHash, boolean mustChangePassword,
                                    int capacity, Instant createdAt) {
        return new Account(username, displayName, role, passwordHash, null, false, capacity, List.of(Languages.DEFAULT),
                Languages.DEFAULT, createdAt, mustChangePassword, null, Map.of(), false, 0);
    }

    /**
     * The person's role in {@code program}, if they work there: an account with no programs listed works in the
     * hub's default program (its role as stored), which is how every account from before programs existed is read.
     */
    public Optional<Role> roleIn(String program, String defaultProgram) {
        if (programs.isEmpty()) return program.equals(defaultProgram) ? Optional.of(role) : Optional.empty();
        return Optional.ofNullable(programs.get(program));
    }

    /** Every program the person works in, with the role there (see {@link #roleIn}). */
    public Map<String, Role> memberships(String defaultProgram) {
        return programs.isEmpty() ? Map.of(defaultProgram, role) : programs;
    }

    /**
     * With {@code role} in {@code program} (null: no longer working there). An account that works in the default
     * program alone and stays so keeps its stored shape; otherwise the programs are listed, and {@code role} follows
     * the default program's role (the one older hub versions and tools read) or, outside it, the highest one held.
     */
    public Account withRoleIn(String program, Role newRole, String defaultProgram) {
        Map<String, Role> next = new TreeMap<>(memberships(defaultProgram));
        if (newRole == null) next.remove(program);
        else next.put(program, newRole);
        boolean defaultOnly = next.size() == 1 && next.containsKey(defaultProgram);
        Role headline = defaultOnly || next.containsKey(defaultProgram) ? next.get(defaultProgram)
                : next.values().stream().max(Comparator.naturalOrder()).orElse(role);
        return new Account(username, displayName, headline, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage,
                createdAt, mustChangePassword, phone, defaultOnly ? Map.of() : next, coalitionAdmin, devicesEpoch);
    }

    public Account withCoalitionAdmin(boolean value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, value, devicesEpoch);
    }

    /** Without a program phone. */
    public Account(String username, String displayName, Role role, String passwordHash, String totpSecret, boolean disabled,
                   int capacity, List<String> languages, String uiLanguage, Instant createdAt, boolean mustChangePassword) {
        this(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, null);
    }

    /** An account whose password its owner chose (or an older one): no change is due. */
    public Account(String username, String displayName, Role role, String passwordHash, String totpSecret, boolean disabled,
                   int capacity, List<String> languages, String uiLanguage, Instant createdAt) {
        this(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt, false);
    }

    public Account withPasswordHash(String hash) {
        return new Account(username, displayName, role, hash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    /** A password someone else chose ({@code true}) or the person's own ({@code false}). */
    public Account withPassword(String hash, boolean mustChange) {
        return new Account(username, displayName, role, hash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChange, phone, programs, coalitionAdmin, devicesEpoch);
    }

    public Account withDisplayName(String value) {
        return new Account(username, value, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    /** The stored (headline) role only; a program's role is {@link #withRoleIn}'s. */
    public Account withRole(Role value) {
        return new Account(username, displayName, value, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    /** The programs as listed, with no change to {@code role} (see {@link #withRoleIn}, which keeps the two in step). */
    public Account withPrograms(Map<String, Role> value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, value, coalitionAdmin, devicesEpoch);
    }

    /** A base32 TOTP secret, or null for no second factor. */
    public Account withTotpSecret(String value) {
        return new Account(username, displayName, role, passwordHash, value, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    public Account withDisabled(boolean value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, value, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    public Account withPhone(String value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, value, programs, coalitionAdmin, devicesEpoch);
    }

    public Account withCapacity(int value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, value, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    public Account withLanguages(List<String> value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, value, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    public Account withUiLanguage(String value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, value, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch);
    }

    /**
     * With every staff device cookie made for the account before now void: its password was reset or changed, or its
     * authenticator reset, so a browser someone else signed in on is not to be trusted as the person's any more.
     */
    public Account withDevicesVoided() {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone, programs, coalitionAdmin, devicesEpoch + 1);
    }
}
