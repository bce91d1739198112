package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Progress;
import dev.awaitable.ProgressReporter;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.testkit.Contract;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Progress}: updates run on the context captured at construction (.NET's {@code Progress<T>}). */
class ProgressContract extends Contract {

    /** Made on a loop, reported from another thread: each update runs on the loop, in report order. */
    @Test
    void updatesRunOnTheCapturedContextInOrder() {
        SingleThreadContext ui = loop("ui");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ProgressReporter<Integer> progress = await(ui.submit(() -> new Progress<Integer>(
                p -> log.add(p + "% on " + Thread.currentThread().getName()))));
        for (int p = 0; p <= 100; p += 25) {
            progress.report(p);
        }
        await(ui.submit(() -> null)); // everything posted before this has run
        assertThat(log).containsExactly("0% on ui", "25% on ui", "50% on ui", "75% on ui", "100% on ui");
    }

    /** Reported from the context's own thread, the update is still posted: it runs after the reporting code. */
    @Test
    void reportFromTheContextThreadIsPostedNotInline() {
        SingleThreadContext ui = loop("ui");
        List<String> log = await(ui.submit(() -> {
            List<String> l = Collections.synchronizedList(new ArrayList<>());
            Progress<String> progress = new Progress<>(l::add);
            progress.report("update");
            l.add("reporter went on");
            return l;
        }));
        await(ui.submit(() -> null));
        assertThat(log).containsExactly("reporter went on", "update");
    }

    /** With no context, the handler runs on the backend's scheduler, never inside report(). */
    @Test
    void withoutContextUpdatesRunOnTheScheduler() throws InterruptedException {
        Thread reporter = Thread.currentThread();
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(3);
        Progress<Integer> progress = new Progress<>(p -> {
            threads.add(Thread.currentThread());
            done.countDown();
        });
        assertThat(progress.context()).isNull();
        for (int i = 0; i < 3; i++) {
            progress.report(i);
        }
        assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(threads).doesNotContain(reporter);
    }
}
