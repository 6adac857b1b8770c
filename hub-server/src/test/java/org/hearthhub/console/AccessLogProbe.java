package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.settings.SettingsStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM with a small heap by {@link LargeAuditLogTest}: on a log far larger than that heap it
 * appends an entry, shows the access log's newest page, verifies, prunes and verifies again, printing what it found
 * as {@code key=value} lines. Loading the log whole anywhere would end it with an OutOfMemoryError.
 * <p>
 * Arguments: {@code file DATA_DIR | redis URL}, the clock (ISO instant), keepDays, cap in megabytes.
 */
public final class AccessLogProbe {
    private AccessLogProbe() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
        int keepDays = Integer.parseInt(args[3]);
        int capMegabytes = Integer.parseInt(args[4]);
        SettingsStore store = args[0].equals("file")
                ? new FileSettingsStore(vertx, Path.of(args[1]), "main", clock)
                : await(RedisSettingsStore.connect(vertx, args[1], "main", clock));
        AuditLog log = new AuditLog(store, clock, new HubConfig.Retention(12, 30, keepDays, 60, capMegabytes));
        AccessLogView view = new AccessLogView(store, log);
        AccessLogView.Filter all = AccessLogView.Filter.parse(null, null, null, null);

        print("appended", await(log.record(Actor.staff("lena"), "settings.update", "widget", null)).seq());
        AccessLogView.Result newest = await(view.show(all, AccessLogView.Cursor.NEWEST));
        print("intact", newest.intact());
        print("total", newest.total());
        print("rows", newest.rows().size());
        print("newestSeq", newest.rows().get(0).seq());
        print("older", newest.older());
        print("verified", await(log.verify()).intact());
        print("bytesBefore", await(store.auditBytes()));
        print("pruned", await(store.pruneAudit(keepDays, AuditCap.megabytes(capMegabytes))));
        print("verifiedAfterPrune", await(log.verify()).intact());
        AuditEntry first = await(store.auditEntries(0, 1)).get(0);
        print("firstSeqAfterPrune", first.seq());
        print("firstAtAfterPrune", first.record().at());
        print("bytesAfter", await(store.auditBytes()));
        print("maxHeapMegabytes", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        await(store.close());
        await(vertx.close());
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }
}
