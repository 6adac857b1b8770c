package org.hearthhub.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Queue;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Reject;
import com.twilio.twiml.voice.Say;
import org.hearthhub.i18n.Messages;
import org.hearthhub.model.Referral;

import java.util.List;
import java.util.function.Supplier;

/**
 * What Twilio says and does on a call, as TwiML built with the SDK. Every spoken word comes from the
 * {@code voice.*} texts in the caller's language. Nothing is recorded: {@code <Dial>} says
 * {@code do-not-record} explicitly, and no verb that records or transcribes ({@code <Record>},
 * {@code <Start><Transcription>}) is ever used. The caller's number is never read back.
 * <p>
 * One per hotline start, on the languages {@link VoiceBridge#start} built and checked, shared by every
 * program's {@link Hotline} so that the TwiML it builds once ({@link TwimlShapes}) serves all their calls.
 */
final class CallScripts {
    /** Keypad or speech, one digit. */
    private static final int CHOICE_SECONDS = 6;
    private static final int WHISPER_SECONDS = 8;

    private final PhoneLanguages phone;
    private final TwimlShapes shapes = new TwimlShapes();

    CallScripts(PhoneLanguages phone) {
        this.phone = phone;
    }

    /** The languages these scripts speak, which are also the ones a caller can choose. */
    PhoneLanguages phone() {
        return phone;
    }

    /**
     * The greeting and the language menu: each language on the phone says both in its own words and voice,
     * in the order of their keys; no answer tries once more, then goes on in the default language.
     */
    String greeting(String languageUrl, String retryUrl) {
        return shapes.filled("greeting", slot -> buildGreeting(slot[0], slot[1]), languageUrl, retryUrl);
    }

    private String buildGreeting(String languageUrl, String retryUrl) {
        Gather.Builder choice = new Gather.Builder()
                .inputs(List.of(Gather.Input.DTMF, Gather.Input.SPEECH))
                .numDigits(1)
                .timeout(CHOICE_SECONDS)
                .hints(phone.hints())
                .profanityFilter(true)
                .action(languageUrl).method(HttpMethod.POST);
        phone.recognition().ifPresent(choice::language);
        for (PhoneLanguages.Offered lang : phone.menu()) {
            String line = Messages.text(lang.code(), "voice.welcome") + " "
                    + Messages.text(lang.code(), "voice.choose", String.valueOf(lang.digit()));
            choice.say(sayText(lang.code(), line));
        }
        return xml(new VoiceResponse.Builder().gather(choice.build()).redirect(redirect(retryUrl)));
    }

    /** A call to a number no program on this hub owns: said in every language on the phone that has the text, then the call ends. */
    String notOurs() {
        return shapes.filled("not-ours", slot -> buildNotOurs());
    }

    private String buildNotOurs() {
        VoiceResponse.Builder r = new VoiceResponse.Builder();
        for (PhoneLanguages.Offered lang : phone.menu()) {
            if (phone.speaking(lang.code(), "voice.not_ours").equals(lang.code())) r.say(say(lang.code(), "voice.not_ours"));
        }
        return xml(r.hangup(new Hangup.Builder().build()));
    }

    /** A number an advocate blocked: refused as busy, before anything is said or counted. */
    String refused() {
        return shapes.filled("refused", slot -> buildRefused());
    }

    private static String buildRefused() {
        return xml(new VoiceResponse.Builder().reject(new Reject.Builder().reason(Reject.Reason.BUSY).build()));
    }

    /**
     * Closed, or nobody on shift who can take a call: referrals, the text line and web chat, goodbye. The
     * referrals are said in the language whose list they are ({@code referralLang}: the default's when the
     * caller's language has none), so a voice never reads names written in another language.
     */
    String notAnswered(String lang, String whyKey, String referralLang, List<Referral> referrals, String textNumber,
                       String chatUrl) {
        return shapes.filled(String.join("|", "not-answered", lang, whyKey, referralLang, String.valueOf(referrals), textNumber,
                chatUrl), slot -> buildNotAnswered(lang, whyKey, referralLang, referrals, textNumber, chatUrl));
    }

    private String buildNotAnswered(String lang, String whyKey, String referralLang, List<Referral> referrals, String textNumber,
                                    String chatUrl) {
        VoiceResponse.Builder r = new VoiceResponse.Builder().say(say(lang, whyKey));
        if (referrals.isEmpty()) {
            r.say(say(lang, "voice.referrals.none"));
        } else {
            r.say(say(referralLang, "voice.referrals"));
            for (Referral ref : referrals) {
                String phone = ref.phone() == null || ref.phone().isBlank() ? null : spoken(ref.phone());
                r.say(phone == null ? sayText(referralLang, ref.name() + ".") : say(referralLang, "voice.referral", ref.name(), phone));
                if (ref.sms() != null && !ref.sms().isBlank()) r.say(say(referralLang, "voice.referral.sms", spoken(ref.sms())));
            }
        }
        if (textNumber != null) r.say(say(lang, "voice.text_us", spoken(textNumber)));
        if (chatUrl != null) r.say(say(lang, "voice.chat_us", chatUrl.replaceFirst("^https?://", "")));
        return xml(r.say(say(lang, "voice.goodbye")).hangup(new Hangup.Builder().build()));
    }

    /** Into the caller's own Twilio queue: the hub decides who answers, so each call waits in a queue of one. */
    String enqueue(String lang, String queueName, String waitUrl, String leftUrl) {
        return enqueue(lang, "voice.queued", queueName, waitUrl, leftUrl);
    }

    /** Back into the caller's queue, saying why ({@code voice.transferring}: another advocate's phone is ringing). */
    String enqueue(String lang, String textKey, String queueName, String waitUrl, String leftUrl) {
        return shapes.filled("enqueue|" + lang + "|" + textKey, slot -> buildEnqueue(lang, textKey, slot[0], slot[1], slot[2]),
                queueName, waitUrl, leftUrl);
    }

    private String buildEnqueue(String lang, String textKey, String queueName, String waitUrl, String leftUrl) {
        Enqueue enqueue = new Enqueue.Builder(queueName)
                .waitUrl(waitUrl).waitUrlMethod(HttpMethod.POST)
                .action(leftUrl).method(HttpMethod.POST)
                .build();
        return xml(new VoiceResponse.Builder().say(say(lang, textKey)).enqueue(enqueue));
    }

    /**
     * Played while waiting, then fetched again by Twilio: the place in line (the shared queue's, with chats
     * and texts), then the hold audio, or quiet for {@code pauseSeconds} without one.
     */
    String holding(String lang, int position, String holdMusicUrl, int pauseSeconds) {
        return shapes.filled(String.join("|", "holding", lang, String.valueOf(position > 0), holdMusicUrl, String.valueOf(pauseSeconds)),
                slot -> buildHolding(lang, position > 0 ? slot[0] : null, holdMusicUrl, pauseSeconds), String.valueOf(position));
    }

    private String buildHolding(String lang, String position, String holdMusicUrl, int pauseSeconds) {
        VoiceResponse.Builder r = new VoiceResponse.Builder();
        if (position != null) r.say(say(lang, "voice.position", position));
        if (holdMusicUrl != null) r.play(new Play.Builder(holdMusicUrl).build());
        else r.pause(new Pause.Builder().length(pauseSeconds).build());
        return xml(r);
    }

    /** Said to the caller just before the advocate is connected. */
    String connecting(String lang) {
        return shapes.filled("connecting|" + lang, slot -> buildConnecting(lang));
    }

    private String buildConnecting(String lang) {
        return xml(new VoiceResponse.Builder().say(say(lang, "voice.connecting")));
    }

    /**
     * A second call from a number whose call is queued or connected: told the line cannot take it now, then it ends.
     * The words do not say why, so that someone calling with a survivor's number (easily forged) is not told the
     * survivor is on the line.
     */
    String secondCall(String lang) {
        return shapes.filled("second-call|" + lang, slot -> buildSecondCall(lang));
    }

    private String buildSecondCall(String lang) {
        return xml(new VoiceResponse.Builder().say(say(lang, "voice.second_call")).hangup(new Hangup.Builder().build()));
    }

    /** Something went wrong on the hub's side: an apology, then the call ends. */
    String trouble(String lang) {
        return shapes.filled("trouble|" + lang, slot -> buildTrouble(lang));
    }

    private String buildTrouble(String lang) {
        return xml(new VoiceResponse.Builder().say(say(lang, "voice.trouble")).hangup(new Hangup.Builder().build()));
    }

    String hangUp() {
        return shapes.filled("hang-up", slot -> xml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build())));
    }

    /** Nothing more to do (the call went elsewhere). */
    String nothing() {
        return shapes.filled("nothing", slot -> xml(new VoiceResponse.Builder()));
    }

    /**
     * What the advocate hears on answering their phone: a keypress is asked for, so that a voicemail
     * greeting (which presses nothing) never takes the call.
     */
    String whisper(String staffLang, String callLang, String pickupUrl) {
        return shapes.filled("whisper|" + staffLang + "|" + callLang, slot -> buildWhisper(staffLang, callLang, slot[0]), pickupUrl);
    }

    private String buildWhisper(String staffLang, String callLang, String pickupUrl) {
        // The call's language named in the advocate's; a bundle that has no name for it says the line without one.
        String in = phone.speaking(staffLang, "voice.whisper");
        String name = phone.name(callLang, in);
        Supplier<Say> text = () -> name != null ? say(in, "voice.whisper", name) : say(staffLang, "voice.whisper.unnamed");
        Gather press = new Gather.Builder()
                .inputs(Gather.Input.DTMF)
                .numDigits(1)
                .timeout(WHISPER_SECONDS)
                .action(pickupUrl).method(HttpMethod.POST)
                .say(text.get())
                .pause(new Pause.Builder().length(1).build())
                .say(text.get())
                .build();
        return xml(new VoiceResponse.Builder().gather(press)
                .say(say(staffLang, "voice.whisper.missed")).hangup(new Hangup.Builder().build()));
    }

    /** The advocate's leg says this and ends (not accepted, or the caller has gone). */
    String toAdvocate(String staffLang, String key) {
        return shapes.filled("to-advocate|" + staffLang + "|" + key, slot -> buildToAdvocate(staffLang, key));
    }

    private String buildToAdvocate(String staffLang, String key) {
        return xml(new VoiceResponse.Builder().say(say(staffLang, key)).hangup(new Hangup.Builder().build()));
    }

    /** The advocate pressed 1 and the call is theirs: their leg takes the caller out of the caller's queue. */
    String bridge(String queueName, String connectingUrl) {
        return shapes.filled("bridge", slot -> buildBridge(slot[0], slot[1]), queueName, connectingUrl);
    }

    private static String buildBridge(String queueName, String connectingUrl) {
        Dial dial = new Dial.Builder()
                .record(Dial.Record.DO_NOT_RECORD)
                .timeout(10)
                .queue(new Queue.Builder(queueName).url(connectingUrl).method(HttpMethod.POST).build())
                .build();
        return xml(new VoiceResponse.Builder().dial(dial).hangup(new Hangup.Builder().build()));
    }

    /**
     * "+1 555 010 0200" read digit by digit, so a speech engine does not say "five hundred fifty-five million";
     * the letters of a vanity number (1-800-FLOWERS) are read one by one too, as they are dialled.
     */
    static String spoken(String number) {
        StringBuilder out = new StringBuilder();
        for (char c : number.toCharArray()) {
            if (Character.isLetterOrDigit(c)) out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(c));
        }
        return out.toString();
    }

    /**
     * Text {@code key} said to someone in {@code lang}, in that language's Twilio voice; a text its bundle
     * lacks (or a language not on the phone) is said in the default language, in the default's voice.
     */
    private Say say(String lang, String key, Object... args) {
        String in = phone.speaking(lang, key);
        return sayText(in, Messages.text(in, key, args));
    }

    /** Words already in {@code lang} (a referral's name), in its voice. */
    private Say sayText(String lang, String text) {
        return new Say.Builder(text).language(phone.say(lang)).build();
    }

    private static Redirect redirect(String url) {
        return new Redirect.Builder(url).method(HttpMethod.POST).build();
    }

    private static String xml(VoiceResponse.Builder response) {
        try {
            return response.build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }
}
