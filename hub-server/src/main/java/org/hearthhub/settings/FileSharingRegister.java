package org.hearthhub.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.sharing.SharingStore;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

/** The file store's sharing register: {@link SharingFiles} under {@code sharing/}, each step in the store's lane. */
final class FileSharingRegister implements SharingStore {
    private final FileLane lane;
    private final SharingFiles sharing;

    FileSharingRegister(FileLane lane, ObjectMapper json, Path root) {
        this.lane = lane;
        this.sharing = new SharingFiles(root.resolve("sharing"), json);
    }

    @Override
    public Future<Void> appendSharing(SharingEntry entry) {
        if (entry == null || entry.at() == null) return Future.failedFuture(new IllegalArgumentException("a register entry needs a time"));
        return lane.io(() -> {
            sharing.append(entry);
            return null;
        });
    }

    @Override
    public Future<List<SharingEntry>> sharingEntries(YearMonth month) {
        return lane.io(() -> sharing.month(month));
    }
}
