package org.hearthhub.live;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Confines a store held in plain maps to one event loop: every call that answers a {@link Future} runs
 * on the owning loop (at once when the caller is already there, else as a task posted to it), and its
 * answer comes back on the caller's own context. No loop ever waits on another's lock; the loops pass
 * messages instead, as every socket already does for the events it receives.
 *
 * <p>Calls that answer nothing asynchronous ({@code publish}, {@code subscribe}) run where they are
 * made: they touch only thread-safe parts (the subscriber list), never the maps. So do the methods the
 * target marks {@link AnyLoop}: one-key steps over concurrent maps, on a chat message's path.
 */
public final class LoopConfined implements InvocationHandler {
    private final Object target;
    private final Context owner;
    private final Thread ownerThread;
    /** Methods whose implementation is marked {@link AnyLoop}: they run on the caller's loop. */
    private final Set<Method> anyLoop;

    private LoopConfined(Object target, Context owner, Thread ownerThread, Set<Method> anyLoop) {
        this.target = target;
        this.owner = owner;
        this.ownerThread = ownerThread;
        this.anyLoop = anyLoop;
    }

    /**
     * {@code target} seen through {@code type}, owned by the calling event loop, or, from outside Vert.x,
     * by a fresh event-loop context of {@code vertx}.
     */
    public static <T> T of(Class<T> type, T target, Vertx vertx) {
        Context owner = vertx.getOrCreateContext();
        Thread ownerThread = Context.isOnEventLoopThread() ? Thread.currentThread() : threadOf(owner);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                new LoopConfined(target, owner, ownerThread, anyLoopMethods(type, target))));
    }

    private static Set<Method> anyLoopMethods(Class<?> type, Object target) {
        Set<Method> out = new HashSet<>();
        for (Method m : type.getMethods()) {
            try {
                if (target.getClass().getMethod(m.getName(), m.getParameterTypes()).isAnnotationPresent(AnyLoop.class)) out.add(m);
            } catch (NoSuchMethodException e) {
                // A default method of the interface: confined like the rest.
            }
        }
        return Set.copyOf(out);
    }

    private static Thread threadOf(Context owner) {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        owner.runOnContext(v -> thread.complete(Thread.currentThread()));
        try {
            return thread.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The store behind a confined view, for tests that look inside it (always from one thread at a time). */
    public static Object target(Object confined) {
        return Proxy.isProxyClass(confined.getClass()) && Proxy.getInvocationHandler(confined) instanceof LoopConfined l
                ? l.target : confined;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) return method.invoke(target, args);
        if (method.getReturnType() != Future.class || Thread.currentThread() == ownerThread || anyLoop.contains(method)) {
            return direct(method, args);
        }
        Context caller = Vertx.currentContext();
        Promise<Object> answer = Promise.promise();
        owner.runOnContext(v -> {
            Future<?> f;
            try {
                f = (Future<?>) direct(method, args);
            } catch (Throwable e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(r -> {
                // Back to the caller's context, so its continuations never run on the owner's loop.
                if (caller == null) answer.handle(r.map(x -> (Object) x));
                else caller.runOnContext(x -> answer.handle(r.map(y -> (Object) y)));
            });
        });
        return answer.future();
    }

    private Object direct(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
