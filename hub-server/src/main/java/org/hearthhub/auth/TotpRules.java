package org.hearthhub.auth;

import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Account;

import java.util.Objects;
import java.util.Optional;

/**
 * Who must sign in with an authenticator app. Each program's lead sets its rule (everyone working there, or named
 * people) in that program's settings; one sign-in serves every program a person works in, so a person must enrol
 * when any of their programs requires it, and one program's lead cannot lift what another's requires.
 */
public final class TotpRules {
    private final HostedPrograms programs;

    public TotpRules(HostedPrograms programs) {
        this.programs = programs;
    }

    /** Whether any program the person works in (and this node hosts) requires an authenticator app of them. */
    public boolean requires(Account account) {
        return requiredBy(account, null);
    }

    /** Whether one of the person's programs other than {@code program} requires it (shown, never named, to that program's lead). */
    public boolean requiredOutside(Account account, String program) {
        return requiredBy(account, program);
    }

    private boolean requiredBy(Account account, String except) {
        return account.memberships(programs.defaultProgram().id().value()).keySet().stream()
                .filter(id -> !Objects.equals(id, except))
                .map(id -> ProgramId.parse(id).flatMap(programs::find))
                .flatMap(Optional::stream)
                .map(HostedProgram::settings)
                .anyMatch(settings -> settings.get().staffSecurity().requiresTotp(account.username()));
    }
}
