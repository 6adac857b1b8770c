package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access logs a program's staff changes go to. The account is the hub's, so a lead's change to it (a reset, an
 * unlock, an edit) is every program's business that the person works in: each of their programs hosted here records
 * it, the others' entries ending {@code from_program=<id>} to say whose lead did it. What only this program's
 * people or rules concern stays in this program's log ({@link #here}).
 */
final class AccountChangeLog {
    static final String FROM_PROGRAM = "from_program=";

    private final HostedPrograms programs;
    private final HostedProgram program;

    AccountChangeLog(HostedPrograms programs, HostedProgram program) {
        this.programs = programs;
        this.program = program;
    }

    /** This program's log alone. */
    Future<Void> here(String actor, String action, String target, String detail) {
        return program.audit().record(Actor.staff(actor), action, target, detail).mapEmpty();
    }

    /** This program's log as {@link #here}, and the log of every other program {@code account} works in. */
    Future<Void> everywhere(String actor, String action, Account account, String detail) {
        String origin = FROM_PROGRAM + program.id().value();
        List<Future<?>> writes = new ArrayList<>();
        writes.add(here(actor, action, account.username(), detail));
        for (AuditLog other : otherLogsOf(account)) {
            writes.add(other.record(Actor.staff(actor), action, account.username(), detail == null ? origin : detail + "," + origin));
        }
        return Future.all(writes).mapEmpty();
    }

    private List<AuditLog> otherLogsOf(Account account) {
        String defaultId = programs.defaultProgram().id().value();
        return account.memberships(defaultId).keySet().stream()
                .filter(id -> !id.equals(program.id().value()))
                .map(id -> ProgramId.parse(id).flatMap(programs::find))
                .flatMap(Optional::stream)
                .map(HostedProgram::audit)
                .toList();
    }
}
