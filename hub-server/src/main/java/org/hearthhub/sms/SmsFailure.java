package org.hearthhub.sms;

import com.twilio.exception.ApiException;
import org.apache.hc.client5.http.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * Why a request to Twilio's REST API (a text, a call) failed, sorted by what the hub may do about it.
 * The one rule that keeps texts from arriving twice and phones from ringing twice: retry only when
 * Twilio certainly did not accept the request.
 */
public final class SmsFailure extends RuntimeException {

    public enum Kind {
        /** Twilio answered 5xx or 429, or the connection never opened: not accepted, safe to retry. */
        RETRYABLE("sms.error.not_sent"),
        /** Twilio refused it (4xx): retrying would fail again. */
        REJECTED("sms.error.not_sent"),
        /** The texter sent STOP (Twilio error 21610). */
        OPTED_OUT("sms.error.opted_out"),
        /** The request went out but no answer came (timeout, dropped connection): it may have been sent. */
        UNCERTAIN("sms.error.uncertain");

        final String advocateMessageKey;

        Kind(String advocateMessageKey) {
            this.advocateMessageKey = advocateMessageKey;
        }
    }

    static final int TWILIO_UNSUBSCRIBED = 21610;

    private final Kind kind;
    private final Integer status;
    private final Integer twilioCode;

    SmsFailure(Kind kind, Integer status, Integer twilioCode) {
        // No cause and no text from Twilio: its messages can quote the number.
        super(kind + (status == null ? "" : " status=" + status) + (twilioCode == null ? "" : " code=" + twilioCode), null, false, false);
        this.kind = kind;
        this.status = status;
        this.twilioCode = twilioCode;
    }

    public Kind kind() {
        return kind;
    }

    /** Safe for the log: kind, HTTP status and Twilio's error code, nothing the texter wrote or is. */
    public String describe() {
        return getMessage();
    }

    public static SmsFailure classify(Throwable e) {
        if (e instanceof ApiException api) {
            Integer status = api.getStatusCode();
            if (status != null) {
                if (status >= 500 || status == 429) return new SmsFailure(Kind.RETRYABLE, status, api.getCode());
                if (api.getCode() != null && api.getCode() == TWILIO_UNSUBSCRIBED) {
                    return new SmsFailure(Kind.OPTED_OUT, status, api.getCode());
                }
                return new SmsFailure(Kind.REJECTED, status, api.getCode());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SmsFailure f) return f; // decided from the status line (TwilioGateway)
            // Checked before any SocketTimeoutException: ConnectTimeoutException is one, but nothing was sent.
            if (t instanceof ConnectTimeoutException || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return new SmsFailure(Kind.RETRYABLE, null, null);
            }
        }
        return new SmsFailure(Kind.UNCERTAIN, null, null);
    }
}
