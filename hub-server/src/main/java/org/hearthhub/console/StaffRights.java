package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;

/**
 * Who may manage whom across programs. The account is the hub's, so one program's lead may act on a person only as
 * far as that reaches no further than the lead's own rights: a reset hands the account to whoever chose the password,
 * and a program phone rings for every program the person works in.
 */
final class StaffRights {
    private final ProgramAccounts accounts;

    StaffRights(ProgramAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * The acting lead's account, once it may reset {@code target}'s password, authenticator or sign-in locks. The
     * account is the hub's and a reset hands it to whoever chose the password, so the target must hold no rights the
     * lead lacks: no lead role in a program the lead does not lead, no coalition admin flag the lead does not have.
     */
    Future<Account> manager(String actor, Account target) {
        return accounts.actingLead(actor).map(by -> {
            mayManage(by, target);
            return by;
        });
    }

    /**
     * A lead's reset of their own account is refused (403 {@code error.reset_own_account}): it asks for no current
     * password, so a session alone (a stolen cookie, a console left open) could take the account or set up an app on it.
     * The security page's own password change and app set-up ask for it.
     */
    static void notOwn(String actor, String username) {
        if (actor.equals(username)) throw Refusal.forbidden("error.reset_own_account");
    }

    void mayManage(Account by, Account target) {
        String defaultProgram = accounts.defaultProgram();
        boolean outranks = target.coalitionAdmin() && !by.coalitionAdmin()
                || target.memberships(defaultProgram).entrySet().stream().anyMatch(m -> m.getValue() == Role.LEAD
                && by.roleIn(m.getKey(), defaultProgram).orElse(null) != Role.LEAD);
        if (outranks) throw new Refusal(ErrorCode.FORBIDDEN, "error.reset_more_rights", target.username());
    }

    /**
     * Refuses (403 {@code error.phone_other_programs}) a change of {@code target}'s program phone by {@code by} unless
     * {@link #ringsFor}: the phone is the account's, so it rings for the hotline of every program the person works in.
     */
    void mayRing(Account by, Account target) {
        if (!ringsFor(by, target)) throw new Refusal(ErrorCode.FORBIDDEN, "error.phone_other_programs", target.username());
    }

    /**
     * Whether {@code by} may set, change or remove {@code target}'s program phone: as a lead of every program the person
     * works in (whose callers that phone rings for), or as a coalition admin. Otherwise one program's lead could send
     * another program's hotline calls to a number of their choosing.
     */
    boolean ringsFor(Account by, Account target) {
        String defaultProgram = accounts.defaultProgram();
        return by.coalitionAdmin() || target.memberships(defaultProgram).keySet().stream()
                .allMatch(p -> by.roleIn(p, defaultProgram).orElse(null) == Role.LEAD);
    }
}
