package org.hearthhub.testing;

import io.vertx.core.Future;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A store seen through a view that can run one step of someone else's in the middle of a caller's: right after the
 * caller's next call of a named method has answered, and before the caller sees that answer. So a race that needs
 * the other step to land between a read and what is done with it (another node's, or a colleague's console's) is
 * made exact, on the real store, instead of hoped for with timing.
 */
public final class InterleavedStore<S> {
    /**
     * A step run once, right after the next call of the store method {@code after} (any method when null), before it
     * answers; with {@code callsLeft} calls of it still to let pass first.
     */
    private record Meanwhile(String after, int callsLeft, Supplier<Future<?>> step) {
        boolean matches(Method m) {
            return after == null || after.equals(m.getName());
        }
    }

    private final AtomicReference<Meanwhile> meanwhile = new AtomicReference<>();
    private final S view;

    /** @param type an interface whose methods that return {@link Future} may be interleaved */
    public InterleavedStore(Class<S> type, S store) {
        this.view = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, m, args) -> {
            Meanwhile step = meanwhile.get();
            if (step == null || !step.matches(m)) return call(store, m, args);
            if (step.callsLeft() > 0) {
                meanwhile.compareAndSet(step, new Meanwhile(step.after(), step.callsLeft() - 1, step.step()));
                return call(store, m, args);
            }
            if (!meanwhile.compareAndSet(step, null)) return call(store, m, args);
            return ((Future<?>) call(store, m, args)).compose(read -> step.step().get().transform(ignored -> Future.succeededFuture(read)));
        }));
    }

    /** The store as the racing caller should use it. */
    public S view() {
        return view;
    }

    /** Runs {@code step} once, right after the view's next call of {@code method} answers (whatever the step's outcome). */
    public void after(String method, Supplier<Future<?>> step) {
        meanwhile.set(new Meanwhile(method, 0, step));
    }

    /**
     * Runs {@code step} once, right after the view's {@code n}th call from now (of any method, from 1) answers: a test
     * may land a step after each of a caller's steps in turn, whatever the methods, until {@link #cancel} finds it unrun.
     */
    public void afterCall(int n, Supplier<Future<?>> step) {
        meanwhile.set(new Meanwhile(null, n - 1, step));
    }

    /** Drops a step set with {@link #after} that has not run; whether there was one. */
    public boolean cancel() {
        return meanwhile.getAndSet(null) != null;
    }

    private static Object call(Object store, Method m, Object[] args) {
        try {
            return m.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
