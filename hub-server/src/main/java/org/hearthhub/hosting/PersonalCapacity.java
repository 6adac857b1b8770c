package org.hearthhub.hosting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.StaffLoad;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.util.Ids;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A person's capacity across the programs they work in. Each program's live store counts and assigns its own
 * conversations in one atomic step; what a person holds in the others is read from their stores. Between that
 * read and the assignment another program could hand the same person a chat, so each such step is the person's
 * <em>turn</em>: a mark set-if-absent in the default program's live store (hub-wide, like staff sessions; on Redis
 * one {@code SET NX}), which a second step for the same person, in any program on any node, waits for. The counts
 * themselves stay where they always were (nothing to keep in step, nothing to drift); the turn only orders the
 * steps of one person, so the programs' accepts for everyone else never wait on each other.
 * <p>
 * Someone working in one program takes no turn at all: that program's own assign step is the whole check.
 */
public final class PersonalCapacity {
    /** Longer than any accept takes by far; a node that dies mid-turn holds the person up this long at most. */
    static final Duration TURN = Duration.ofSeconds(10);
    static final long RETRY_MILLIS = 20;
    /** About two seconds of waiting for a turn before the console is told to try again. */
    static final int TRIES = 100;

    private final Vertx vertx;
    private final ExpiringValueStore turns;
    private final AccountStore accounts;
    private final String defaultProgram;
    private final Map<ProgramId, ConversationService> programs = new ConcurrentHashMap<>();

    public PersonalCapacity(Vertx vertx, ExpiringValueStore turns, AccountStore accounts, ProgramId defaultProgram) {
        this.vertx = vertx;
        this.turns = turns;
        this.accounts = accounts;
        this.defaultProgram = defaultProgram.value();
    }

    /** A program whose holdings count towards its staff's capacity from now on (the hub calls it as each opens). */
    public void count(HostedProgram program) {
        programs.put(program.id(), program.conversations());
    }

    /** The view one program has of its staff's holdings in the others. */
    public StaffLoad seenFrom(ProgramId here) {
        return new StaffLoad() {
            @Override
            public <T> Future<T> inTurn(String username, Function<Elsewhere, Future<T>> step) {
                return PersonalCapacity.this.inTurn(here, username, step);
            }
        };
    }

    private <T> Future<T> inTurn(ProgramId here, String username, Function<StaffLoad.Elsewhere, Future<T>> step) {
        return accounts.account(username).compose(account -> {
            List<ConversationService> others = account.map(a -> a.memberships(defaultProgram).keySet().stream()
                            .map(ProgramId::parse).flatMap(Optional::stream)
                            .filter(id -> !id.equals(here)).map(programs::get).filter(Objects::nonNull).toList())
                    .orElse(List.of());
            if (others.isEmpty()) return step.apply(StaffLoad.Elsewhere.NOTHING);
            String key = "staff:turn:" + username;
            String mine = Ids.random(16);
            return claim(key, mine, 1).compose(v -> heldIn(others, username).compose(step).eventually(() -> release(key, mine)));
        });
    }

    private Future<Void> claim(String key, String mine, int attempt) {
        return turns.putIfAbsent(key, mine, TURN).compose(holder -> {
            if (mine.equals(holder)) return Future.succeededFuture();
            if (attempt >= TRIES) return Future.failedFuture(new Refusal(ErrorCode.UNAVAILABLE));
            return vertx.timer(RETRY_MILLIS).compose(t -> claim(key, mine, attempt + 1));
        });
    }

    /**
     * Gives the turn back. Were it ever held past {@link #TURN} (a stalled node) and taken by another step since, the
     * value taken is that step's: it is put back, so that step keeps its turn.
     */
    private Future<Void> release(String key, String mine) {
        return turns.take(key).compose(taken -> taken == null || taken.equals(mine) ? Future.<Void>succeededFuture()
                : turns.putIfAbsent(key, taken, TURN).<Void>mapEmpty());
    }

    private static Future<StaffLoad.Elsewhere> heldIn(List<ConversationService> others, String username) {
        List<Future<List<Conversation>>> reads = others.stream().map(c -> c.heldBy(username)).toList();
        return Future.all(reads).map(all -> {
            int held = 0;
            boolean onCall = false;
            for (Future<List<Conversation>> read : reads) {
                held += read.result().size();
                onCall |= read.result().stream().anyMatch(c -> c.channel() == Channel.PHONE);
            }
            return new StaffLoad.Elsewhere(held, onCall);
        });
    }
}
