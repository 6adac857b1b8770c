package org.hearthhub.auth;

import io.vertx.core.Future;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.error.Refusal;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;

import java.util.List;
import java.util.Optional;

/**
 * A sign-out is the person leaving, so their shift ends with it, where a lapsed session keeps it (a session timing
 * out mid-shift must not drop chats). It ends exactly as {@code shift.end} ends it, in each program the person is on
 * shift in: only while they hold no chat there. A shift with chats stays, and its chats stay theirs, shown again when
 * they sign in: put back in the queue they would go to someone new mid-conversation, and ended they would leave the
 * survivor with nobody (the console asks first, and offers to transfer or end them). A shift is the account's, not a
 * session's: it ends only with the account's last live session, so signing out of one computer leaves it on the other.
 */
public final class ShiftsAtSignOut {
    /** For sign-in routes served without any program (tests of the routes alone): nobody is on shift. */
    public static final ShiftsAtSignOut NONE = new ShiftsAtSignOut(null, null, null);

    private final HostedPrograms programs;
    private final AccountStore accounts;
    private final StaffSessions sessions;

    public ShiftsAtSignOut(HostedPrograms programs, AccountStore accounts, StaffSessions sessions) {
        this.programs = programs;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    /** After the session of {@code cookieValue} has ended: the person's shifts end, unless they are signed in elsewhere. */
    public Future<Void> signedOut(String username, String cookieValue) {
        if (programs == null) return Future.succeededFuture();
        return sessions.signedInElsewhere(username, cookieValue).compose(elsewhere -> elsewhere ? Future.succeededFuture()
                : accounts.account(username).compose(account -> Future.all(programsOf(account).stream()
                        .map(p -> endIfIdle(p.conversations(), username)).toList()).mapEmpty()));
    }

    private List<HostedProgram> programsOf(Optional<Account> account) {
        String defaultId = programs.defaultProgram().id().value();
        return account.map(a -> a.memberships(defaultId).keySet().stream()
                .map(id -> ProgramId.parse(id).flatMap(programs::find)).flatMap(Optional::stream).toList()).orElse(List.of());
    }

    /** Off shift nothing is done (no access-log entry); holding chats, the refusal {@code shift.end} gets is the answer. */
    private static Future<Void> endIfIdle(ConversationService conversations, String username) {
        return conversations.shiftOf(username).compose(shift -> shift == null ? Future.succeededFuture()
                : conversations.endShift(username).recover(e -> e instanceof Refusal r && "error.still_holding".equals(r.messageKey())
                        ? Future.succeededFuture() : Future.failedFuture(e)));
    }
}
