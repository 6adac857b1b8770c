package org.hearthhub.hosting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.chat.ConversationMeter;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.chat.PartnerCards;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hours.OpeningHours;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.live.TranscriptBudget;
import org.hearthhub.model.Program;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ProgramPartners;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.sharing.SharingRegister;
import org.hearthhub.stats.DailyStatistics;
import org.hearthhub.video.RoomTokens;
import org.hearthhub.video.VideoRooms;

import java.time.Clock;

/**
 * Makes a program's own parts (settings, audit, statistics, conversations, video, sharing register, partner
 * cards): the default program's on the hub's stores, another's on stores of its own beside them.
 */
public record ProgramAssembly(Vertx vertx, HubConfig config, Clock clock, ConversationMeter meter, RoomTokens videoTokens,
                              PersonalCapacity capacity) {

    /** The one-node live store: in memory, each call on its caller's loop ({@link LoopConfined}). */
    public static LiveStore inMemoryLiveStore(Vertx vertx, HubConfig config, Clock clock) {
        return LoopConfined.of(LiveStore.class, new InMemoryLiveStore(vertx, clock, TranscriptBudget.of(config.limits())), vertx);
    }

    /** @param hubStore the default program's store, where the hub-wide data (the coalition's partner directory) is */
    public HostedProgram host(Program program, SettingsStore store, LiveStore live, SettingsStore hubStore) {
        CurrentSettings settings = new CurrentSettings(store, program.id());
        AuditLog audit = new AuditLog(store, clock, config.retention());
        DailyStatistics stats = new DailyStatistics(store, clock, () -> OpeningHours.zone(settings.get()));
        ConversationService conversations = new ConversationService(live, settings, stats, audit, config, clock, meter,
                capacity.seenFrom(program.id()));
        VideoRooms video = new VideoRooms(vertx, config.jitsi(), videoTokens, conversations, live, live, audit, clock);
        SharingRegister register = new SharingRegister(store, name -> settings.get().hasSafeguardingBasis(name),
                program.id().value(), clock);
        ProgramPartners partners = new ProgramPartners(settings, hubStore);
        PartnerCards partnerCards = new PartnerCards(conversations, partners, register);
        return new HostedProgram(program, store, live, settings, audit, stats, conversations, video, register, partners, partnerCards);
    }

    /** Another program: its stores beside the default program's (same directory or Redis, same connections). */
    public Future<HostedProgram> open(Program program, SettingsStore hubStore, LiveStore hubLive) {
        SettingsStore store = hubStore.forProgram(program.id());
        Future<LiveStore> live = hubLive instanceof RedisLiveStore redis
                ? redis.forProgram(program.id().value()).map(s -> s)
                : Future.succeededFuture(inMemoryLiveStore(vertx, config, clock));
        return live.compose(l -> {
            HostedProgram hosted = host(program, store, l, hubStore);
            return hosted.settings().reload().map(hosted)
                    .onFailure(e -> l.close().onComplete(c -> store.close()));
        });
    }
}
