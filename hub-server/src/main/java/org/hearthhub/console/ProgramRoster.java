package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.Program;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;

import java.util.List;

/**
 * The hub's programs as a coalition admin sees them: id, name, whether it is the default one, when it was made, its
 * numbers and the usernames of its active leads. The coalition API lists it and the admin's programs page shows it.
 */
final class ProgramRoster {
    private final HostedPrograms programs;
    private final AccountStore accounts;

    ProgramRoster(HostedPrograms programs, AccountStore accounts) {
        this.programs = programs;
        this.accounts = accounts;
    }

    /** Every program, the default one first. */
    Future<JsonArray> list() {
        String defaultId = programs.defaultProgram().id().value();
        return accounts.accounts().map(all -> {
            JsonArray out = new JsonArray();
            for (Program p : programs.registry().all()) {
                List<String> leads = all.stream()
                        .filter(a -> !a.disabled() && a.roleIn(p.id().value(), defaultId).orElse(null) == Role.LEAD)
                        .map(Account::username).toList();
                out.add(new JsonObject().put("id", p.id().value()).put("name", p.name())
                        .put("default", p.id().value().equals(defaultId))
                        .put("created", p.created() == null ? null : p.created().toString())
                        .put("smsNumber", p.smsNumber()).put("voiceNumber", p.voiceNumber())
                        .put("leads", new JsonArray(leads)));
            }
            return out;
        });
    }
}
