package org.hearthhub.hosting;

import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;

import io.vertx.core.Future;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.PartnerCards;
import org.hearthhub.live.LiveStore;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ProgramPartners;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.sharing.SharingRegister;
import org.hearthhub.stats.DailyStatistics;
import org.hearthhub.video.VideoRooms;

/**
 * One program's own parts, made for it alone: its stores (under its own files or keys), settings, audit
 * log, statistics, conversations (and so its queue), video rooms, sharing register, partner directory and partner cards. Nothing
 * here can reach another program's data: each part was built on this program's stores only (the partner directory also reads
 * the coalition's, which is the hub's).
 */
public record HostedProgram(Program program, SettingsStore store, LiveStore live, CurrentSettings settings, AuditLog audit,
                            DailyStatistics stats, ConversationService conversations, VideoRooms video, SharingRegister register,
                            ProgramPartners partners, PartnerCards partnerCards) {

    public ProgramId id() {
        return program.id();
    }

    /** Closes its stores; the default program's are the hub's, which close them last. */
    Future<Void> close() {
        return live.close().compose(v -> store.close());
    }
}
