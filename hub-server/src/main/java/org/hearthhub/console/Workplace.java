package org.hearthhub.console;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.ProgramId;
import org.hearthhub.hosting.HostedPrograms.Membership;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.web.StaffAuth;

import java.util.List;
import java.util.Optional;

/**
 * The program a console request acts on, and the person's role there. A request names it by {@code ?program=ID};
 * a page that names one also remembers it in the {@value #COOKIE} cookie, which later requests (the console's
 * own calls, its socket) fall back to; failing both, the default program if the person works there, else the
 * first of theirs. A program the person does not work in, or that does not exist, is refused alike (403), so an
 * outsider learns nothing about which programs a hub hosts.
 */
final class Workplace {
    static final String COOKIE = "hearth-program";
    private static final String KEY = "hearth.workplace";
    private static final String ALL_KEY = "hearth.workplaces";
    private static final String QUEUES_KEY = "hearth.queues";

    private Workplace() {
    }

    /** The ids of every program the person works in, for the console's chooser (empty off program routes). */
    static List<String> all(RoutingContext ctx) {
        List<String> all = ctx.get(ALL_KEY);
        return all == null ? List.of() : all;
    }

    /**
     * The programs whose queues the console may take: every program the person works in that this hub hosts, with the
     * name staff see (empty off program routes).
     */
    static List<HostedProgram> queues(RoutingContext ctx) {
        List<HostedProgram> queues = ctx.get(QUEUES_KEY);
        return queues == null ? List.of() : queues;
    }

    /** The program the request acts on and the person's role there; null on a route about the person's own account. */
    static Membership of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /** The program the console last chose among the account's (or its first), if any; never a refusal. */
    static Membership chosen(RoutingContext ctx, HostedPrograms programs, Account account) {
        if (account == null) return null;
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return programs.membership(account, null, cookie == null ? null : cookie.getValue()).orElse(null);
    }

    /**
     * The guard: resolves the workplace of the signed-in account (read from the hub's accounts in memory) and
     * refuses a request for a program the person does not work in, or, with {@code lead}, does not lead.
     *
     * @param secure the remembered program's cookie is Secure: as the session cookie, from the public URL, since
     *               behind a TLS proxy the request itself arrives over plain http
     */
    static Handler<RoutingContext> guard(HostedPrograms programs, AccountStore accounts, boolean lead, boolean page, boolean secure,
                                         Replies replies) {
        return ctx -> {
            StaffSession session = StaffAuth.session(ctx);
            String named = ctx.request().getParam("program");
            Cookie cookie = ctx.request().getCookie(COOKIE);
            accounts.account(session.username()).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.fail(ar.cause());
                    return;
                }
                // A removed or disabled account is signed out by the account guard that follows.
                if (ar.result().isEmpty() || ar.result().get().disabled()) {
                    ctx.next();
                    return;
                }
                Optional<Membership> found = ar.result().flatMap(a -> programs.membership(a, named, cookie == null ? null : cookie.getValue()));
                if (found.isEmpty() || (lead && !found.get().leads())) {
                    if (page) replies.forbiddenPage(ctx, session);
                    else replies.error(ctx, Refusal.forbidden(found.isEmpty() ? "error.not_your_program" : "error.lead_only"));
                    return;
                }
                if (page && named != null) {
                    ctx.response().addCookie(Cookie.cookie(COOKIE, named).setPath("/").setHttpOnly(true)
                            .setSameSite(CookieSameSite.STRICT).setSecure(secure));
                }
                ctx.put(KEY, found.get());
                ctx.put(ALL_KEY, List.copyOf(ar.result().get().memberships(programs.defaultProgram().id().value()).keySet()));
                ctx.put(QUEUES_KEY, Workplace.all(ctx).stream().map(id -> ProgramId.parse(id).flatMap(programs::find))
                        .flatMap(Optional::stream).toList());
                ctx.next();
            });
        };
    }
}
