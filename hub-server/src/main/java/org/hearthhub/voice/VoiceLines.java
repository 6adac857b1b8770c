package org.hearthhub.voice;

import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.sms.ContactKeys;

import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One hotline per hosted program, on that program's own stores: its callers in its queue, its advocates'
 * phones rung from its number. A call reaches the hotline of the program whose number was dialled; every later
 * step of the call names its program in its URL ({@link CallUrls#PROGRAM}, signed by Twilio like the rest).
 */
final class VoiceLines {
    /** What a program's calls need: the steps of a call, and the relay of its live events to Twilio. */
    record Line(Hotline hotline, CallRelay relay) {
    }

    private final Map<ProgramId, Line> lines = new ConcurrentHashMap<>();
    private final HostedPrograms programs;

    /**
     * @param textsOn whether SMS is on: then each program's own SMS number is read to callers the line does not answer
     * @param meter   counts the calls answered without a place in the queue
     */
    VoiceLines(Vertx vertx, HostedPrograms programs, AccountStore accounts, ContactKeys keys, TwilioCalls calls, HubConfig config,
               boolean textsOn, CallScripts scripts, HotlineMeter meter) {
        this.programs = programs;
        programs.whenOpened(program -> {
            boolean isDefault = program.id().equals(programs.defaultProgram().id());
            CallUrls urls = new CallUrls(config.publicUrl(), isDefault ? null : program.id().value());
            CallerHolds holds = new CallerHolds(program.live(), config.voice().maxWithheldCalls());
            CallRelay relay = new CallRelay(program.live(), program.conversations(), accounts, program.settings(), calls, urls, vertx,
                    Duration.ofSeconds(config.voice().forgetCallsSeconds()), () -> number(program.id(), Program::voiceNumber), holds);
            // A program's own text number, when texts are on; the hub's chat page (voice.chatUrl) is the default program's.
            Hotline hotline = new Hotline(program.live(), program.conversations(), program.settings(), accounts, program.stats(), keys,
                    config.voice(), urls, () -> textsOn ? number(program.id(), Program::smsNumber) : null,
                    isDefault ? config.voice().chatUrl() : null, scripts, holds, meter);
            program.live().subscribe(relay::onEvent);
            lines.put(program.id(), new Line(hotline, relay));
        });
    }

    /** The hotline of the program whose voice number was called; empty for a number no program owns. */
    Optional<Line> to(String to) {
        return programs.registry().owning(to == null ? null : ContactKeys.normalize(to), Program::voiceNumber)
                .map(p -> lines.get(p.id()));
    }

    /** The hotline a later step of a call is for: the program its URL names, the default program's when it names none. */
    Optional<Line> named(String program) {
        return programs.named(program).map(p -> lines.get(p.id()));
    }

    private String number(ProgramId id, java.util.function.Function<Program, String> kind) {
        return programs.registry().find(id).map(kind).filter(n -> n.matches(ConfigLoader.E164)).orElse(null);
    }
}
