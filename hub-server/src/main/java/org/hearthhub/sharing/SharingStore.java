package org.hearthhub.sharing;

import io.vertx.core.Future;

import java.time.YearMonth;
import java.util.List;

/**
 * Where a program's sharing register is kept: append-only, by month (UTC), durable before an append
 * completes. Entries are never changed or removed by the hub.
 */
public interface SharingStore {

    Future<Void> appendSharing(SharingEntry entry);

    /** The month's entries, oldest first; an unreadable line (a torn write) is skipped. */
    Future<List<SharingEntry>> sharingEntries(YearMonth month);
}
