package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hearthhub.error.Refusal;
import org.hearthhub.model.ShownName;
import org.hearthhub.web.ClientJson;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** Small helpers shared by the console's API handlers. */
final class Routes {
    private Routes() {
    }

    /** Runs {@code work}; a refusal thrown while preparing it, or a failed future, goes to the route's failure handler. */
    static <T> void run(RoutingContext ctx, Supplier<Future<T>> work, Consumer<T> done) {
        Future<T> f;
        try {
            f = work.get();
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        f.onSuccess(done::accept).onFailure(ctx::fail);
    }

    /** The request body as a JSON object; anything else, a key given twice included, is a 400. */
    static JsonObject body(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().isEmpty()) throw Refusal.badRequest("error.bad_request", "a JSON object body is required");
        Object value;
        try {
            value = ClientJson.decode(ctx.body().buffer());
        } catch (DecodeException e) {
            throw Refusal.badRequest("error.bad_request", "the body is not a JSON object");
        }
        if (!(value instanceof JsonObject o)) throw Refusal.badRequest("error.bad_request", "a JSON object body is required");
        return o;
    }

    /**
     * A text field of a body, stripped: null when absent (or blank and not required); otherwise a 400 with
     * {@code textKey} when required and missing, not text, or longer than {@code max}.
     */
    static String text(JsonObject o, String field, int max, boolean required, String textKey) {
        return text(o, field, max, required, detail -> Refusal.badRequest(textKey, detail));
    }

    /**
     * A name people are shown, as {@link #text}, and also refused when it is not {@link ShownName#isPlain}. Each
     * refusal names {@code field}, so a form shows it beside the name's input: {@code textKey} says the whole rule.
     */
    static String shownName(JsonObject o, String field, int max, boolean required, String textKey) {
        Function<String, Refusal> refused = detail -> Refusal.badField(field, textKey);
        String name = text(o, field, max, required, refused);
        if (!ShownName.isPlain(name)) throw refused.apply("\"" + field + "\" holds a control or text-direction character");
        return name;
    }

    /** {@link #text}, each refusal made by {@code refused} from an English detail. */
    private static String text(JsonObject o, String field, int max, boolean required, Function<String, Refusal> refused) {
        Object v = o.getValue(field);
        if (v == null || (v instanceof String str && str.isBlank() && !required)) {
            if (required) throw refused.apply("\"" + field + "\" is required");
            return null;
        }
        if (!(v instanceof String str)) throw refused.apply("\"" + field + "\" must be text");
        String text = str.strip();
        if (required && text.isEmpty()) throw refused.apply("\"" + field + "\" is required");
        if (text.length() > max) throw refused.apply("\"" + field + "\" is longer than " + max + " characters");
        return text;
    }
}
