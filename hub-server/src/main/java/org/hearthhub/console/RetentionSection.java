package org.hearthhub.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.Retention;

import java.util.List;

/**
 * How long conversations may last and SMS blocks hold ({@code /api/v1/lead/retention}). Each limit is
 * optional (null = the operator's default) and never above the operator's cap. {@code caps} and
 * {@code defaults} are shown to the lead; sent back, they are ignored (the configuration decides them).
 */
@JsonIgnoreProperties(value = {"caps", "defaults"}, allowGetters = true)
record RetentionSection(Number idleTimeoutMinutes, Number maxConversationHours, Number smsBlockDays, Limits caps, Limits defaults)
        implements SettingsSection {
    /** No cap for this exists in the YAML config; the SMS relay clamps to the same year (SmsRelay.MAX_BLOCK_DAYS). */
    static final int MAX_SMS_BLOCK_DAYS = 365;
    /** What the SMS relay uses when the lead leaves it empty (SmsRelay.DEFAULT_BLOCK_DAYS). */
    static final int DEFAULT_SMS_BLOCK_DAYS = 30;
    static final SectionForm<RetentionSection> FORM = new SectionForm<>("retention", RetentionSection.class, "error.retention",
            RetentionSection::of, RetentionSection::within);

    record Limits(int idleTimeoutMinutes, int maxConversationHours, int smsBlockDays) {
    }

    static RetentionSection of(ProgramSettings s, HubConfig config) {
        Retention r = s.retention() == null ? new Retention(null, null, null) : s.retention();
        return new RetentionSection(r.idleTimeoutMinutes(), r.maxConversationHours(), r.smsBlockDays(), null, null).within(config);
    }

    /** With the operator's caps and defaults, which the checks use. */
    RetentionSection within(HubConfig config) {
        HubConfig.Retention operator = config.retention();
        return new RetentionSection(idleTimeoutMinutes, maxConversationHours, smsBlockDays,
                new Limits(operator.idleTimeoutMinutes(), operator.maxConversationHours(), MAX_SMS_BLOCK_DAYS),
                new Limits(operator.idleTimeoutMinutes(), operator.maxConversationHours(), DEFAULT_SMS_BLOCK_DAYS));
    }

    @Override
    public List<SectionProblem> validate() {
        SectionChecks checks = new SectionChecks("error.retention");
        limit(checks, idleTimeoutMinutes, "idleTimeoutMinutes", "retention.idle", caps.idleTimeoutMinutes());
        limit(checks, maxConversationHours, "maxConversationHours", "retention.lifetime", caps.maxConversationHours());
        limit(checks, smsBlockDays, "smsBlockDays", "retention.sms_block", caps.smsBlockDays());
        return checks.problems();
    }

    @Override
    public ProgramSettings applyTo(ProgramSettings current) {
        return current.withRetention(new Retention(whole(idleTimeoutMinutes), whole(maxConversationHours), whole(smsBlockDays)));
    }

    /** @param label the console text key of the field's label, for the message */
    private static void limit(SectionChecks checks, Number value, String field, String label, int cap) {
        if (value == null) return;
        double v = value.doubleValue();
        if (v != Math.rint(v) || v < 1 || v > cap) checks.at(field, "error.field.whole_number", new Refusal.Label(label), cap);
    }

    private static Integer whole(Number value) {
        return value == null ? null : value.intValue();
    }
}
