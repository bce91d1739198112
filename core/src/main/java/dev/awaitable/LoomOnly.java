package dev.awaitable;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks direct-style code the weaver leaves alone: on a method, its {@code Async.run} bodies (and
 * the bodies nested in them) are neither woven nor refused, nor are awaits in the method itself;
 * on a class, the same for every method of the class and of the classes nested in it. Such code
 * runs as written on the loom backend and, as unwoven direct style does, fails on the
 * statemachine backend with {@link UnsupportedOperationException}.
 *
 * <p>For code that needs a thread's stack on purpose: an await in a helper called from a body (a
 * recursive descent that awaits at every level), an await inside {@code synchronized} written to
 * show what pinning costs, a class that implements {@link AsyncBody} and awaits in {@code run}.
 * Kept in the class file only, for the weaver; it has no effect at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface LoomOnly {}
