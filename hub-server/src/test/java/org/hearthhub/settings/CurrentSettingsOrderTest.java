package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A read of the settings that began before a lead's save and is answered after it (a change notice or the safety
 * poll, on a shared store whose reads and writes take different connections: RedisCoalitionPartnersTest met it)
 * must not put the old settings back. The store is the real file store; its reads are answered late, as Redis's
 * may be, with what they found when they began.
 */
class CurrentSettingsOrderTest {
    @TempDir
    Path dataDir;
    Vertx vertx;
    LateReads store;

    /** The file store, each read's answer held until the test lets it go. */
    static final class LateReads implements ProgramSettingsStore {
        final FileSettingsStore files;
        final List<Runnable> held = new ArrayList<>();

        LateReads(FileSettingsStore files) {
            this.files = files;
        }

        @Override
        public Future<ProgramSettings> programSettings() {
            Promise<ProgramSettings> late = Promise.promise();
            files.programSettings().onComplete(found -> held.add(() -> late.handle(found)));
            return late.future();
        }

        @Override
        public Future<Void> saveProgramSettings(ProgramSettings settings) {
            return files.saveProgramSettings(settings);
        }

        @Override
        public Future<ProgramSettings> updateProgramSettings(UnaryOperator<ProgramSettings> change) {
            return files.updateProgramSettings(change);
        }

        void answerHeldReads() {
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    @BeforeEach
    void store() {
        vertx = Vertx.vertx();
        store = new LateReads(new FileSettingsStore(vertx, dataDir, "main"));
    }

    @AfterEach
    void close() throws Exception {
        TestHub.await(vertx.close());
    }

    private static ProgramSettings titled(ProgramSettings s, String title) {
        ProgramSettings.WidgetLook w = s.widget();
        return s.withWidget(new ProgramSettings.WidgetLook(java.util.Map.of("en", title), w.notice(), w.primaryColor(), w.position(),
                w.quickExitUrl()));
    }

    private static String title(ProgramSettings s) {
        return s.widget().title().get("en");
    }

    private void awaitHeldReads(int reads) throws Exception {
        for (long deadline = System.currentTimeMillis() + 5_000; store.held.size() < reads; Thread.sleep(5)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the reads never reached the store");
        }
    }

    @Test
    void aReadBegunBeforeASaveAndAnsweredAfterItDoesNotPutTheOldSettingsBack() throws Exception {
        CurrentSettings settings = new CurrentSettings(store);
        ProgramSettings before = TestHub.await(store.files.programSettings());
        TestHub.await(store.files.saveProgramSettings(titled(before, "Old title")));

        Future<ProgramSettings> notice = settings.reload(); // begun before the save: it finds "Old title"
        awaitHeldReads(1);
        TestHub.await(settings.save(titled(before, "New title")));
        assertEquals("New title", title(settings.get()));

        store.answerHeldReads();
        assertEquals("New title", title(TestHub.await(notice)), "the late read answers what the node knows");
        assertEquals("New title", title(settings.get()), "the late read did not put the old title back");

        // A read begun after the save is newer than it, and is kept (another node's change, say).
        TestHub.await(store.files.saveProgramSettings(titled(before, "Another node's title")));
        Future<ProgramSettings> later = settings.reload();
        awaitHeldReads(1);
        store.answerHeldReads();
        assertEquals("Another node's title", title(TestHub.await(later)));
        assertEquals("Another node's title", title(settings.get()));
    }

    @Test
    void ofTwoOverlappingReadsTheOneBegunLastWins() throws Exception {
        CurrentSettings settings = new CurrentSettings(store);
        ProgramSettings before = TestHub.await(store.files.programSettings());
        TestHub.await(store.files.saveProgramSettings(titled(before, "First")));
        Future<ProgramSettings> first = settings.reload();
        awaitHeldReads(1);
        Runnable firstAnswer = store.held.remove(0);
        TestHub.await(store.files.saveProgramSettings(titled(before, "Second")));
        Future<ProgramSettings> second = settings.reload();
        awaitHeldReads(1);

        store.answerHeldReads(); // the second read's answer comes first
        firstAnswer.run();
        TestHub.await(first);
        TestHub.await(second);
        assertEquals("Second", title(settings.get()));
    }
}
