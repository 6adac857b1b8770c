package org.hearthhub.sms;

import io.vertx.core.Vertx;
import org.hearthhub.config.HubConfig;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.hosting.HostedPrograms;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.referral.WarmReferrals;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One SMS line per hosted program, on that program's own stores: its texters' conversations in its queue, its
 * replies from its number. A text reaches the line of the program whose number it was sent to.
 */
final class SmsLines {
    /** What a program's texts need: what comes in, and the relay of its live events out. */
    record Line(HostedProgram program, InboundTexts inbound, SmsRelay relay) {
    }

    private final Map<ProgramId, Line> lines = new ConcurrentHashMap<>();
    private final HostedPrograms programs;
    private final String defaultFrom;

    /**
     * @param defaultFrom {@code twilio.from}: the default program's number or messaging service
     * @param caps        the caps on the hub's own replies to texts, shared by every program's line
     * @param meter       counts the replies a cap refused
     */
    SmsLines(Vertx vertx, HostedPrograms programs, ContactKeys keys, SmsOutbox outbox, String defaultFrom, String publicUrl,
             WarmReferrals referrals, Clock clock, HubConfig.AutoReplyCaps caps, AutoReplyMeter meter) {
        this.programs = programs;
        this.defaultFrom = defaultFrom;
        programs.whenOpened(program -> {
            SmsRelay relay = new SmsRelay(program.live(), program.conversations(), program.settings(), keys, outbox, clock,
                    () -> new SmsSender(from(program.id()), statusCallback(publicUrl, program)),
                    via -> new SmsSender(ProgramId.parse(via).map(this::from).orElse(null), statusCallback(publicUrl, program)),
                    via -> programs.named(via).map(HostedProgram::live).orElse(null));
            AutoReplies autoReplies = new AutoReplies(program.live(), programs.defaultProgram().live(), caps, meter);
            InboundTexts inbound = new InboundTexts(vertx, program.live(), program.conversations(), program.settings(), keys, relay,
                    new TextedReferrals(program, referrals.of(program), relay, this::named), autoReplies);
            program.live().subscribe(relay::onEvent);
            lines.put(program.id(), new Line(program, inbound, relay));
        });
    }

    /**
     * The line of the program whose SMS number a text was sent {@code to}; empty for a number no program owns.
     * A default program that sends through a messaging service takes every text to a number no program claims,
     * since the hub does not know which numbers the service holds.
     */
    Optional<Line> to(String to) {
        Optional<Program> owner = programs.registry().owning(to == null ? null : ContactKeys.normalize(to), Program::smsNumber);
        if (owner.isEmpty() && defaultFrom.startsWith("MG")) owner = Optional.of(programs.registry().defaultProgram());
        return owner.map(p -> lines.get(p.id()));
    }

    /** The line a status report is for: the program its callback URL names, the default program's when it names none. */
    Optional<Line> named(String program) {
        return programs.named(program).map(p -> lines.get(p.id()));
    }

    /** The number a program's texts leave from now: the registry's, the configured one for the default program. */
    private String from(ProgramId id) {
        if (id.equals(programs.defaultProgram().id())) return defaultFrom;
        return programs.registry().find(id).map(Program::smsNumber).orElse(null);
    }

    /** The default program's is the bare URL, as it always was; another's names it (Twilio signs the query too). */
    private URI statusCallback(String publicUrl, HostedProgram program) {
        String url = publicUrl + TwilioWebhook.STATUS_PATH;
        if (program.id().equals(programs.defaultProgram().id())) return URI.create(url);
        return URI.create(url + "?program=" + URLEncoder.encode(program.id().value(), StandardCharsets.UTF_8));
    }
}
