package dev.awaitable.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@link Recordings#blocking()} records, each at a frame of this class the tests look for:
 * {@link #spin} burns CPU in {@code Arrays.sort} (the JDK's code, charged to {@code spin}),
 * {@link #contend} enters a monitor another thread holds, {@link #awaitLatch} parks on a latch,
 * {@link #nap} sleeps, {@link #exchange} writes to and reads from a loopback socket.
 */
final class Workload {
    static final String CPU_THREAD = "analyzer-test-cpu";
    static final int SOCKET_BYTES = 64 * 1024;
    static final int REPLY_BYTES = 16 * 1024;

    /** The monitor {@link #contend} waits for; a class of its own, so the monitor class names it. */
    static final class Lock {}

    private static final Lock LOCK = new Lock();

    private Workload() {}

    static void run() throws Exception {
        Thread cpu = new Thread(() -> spin(500), CPU_THREAD);
        cpu.start();
        contendedMonitor();
        awaitLatch(new CountDownLatch(1));
        nap();
        exchange();
        cpu.join();
    }

    /** Sorts copies of a random array for {@code ms} milliseconds. */
    static long spin(long ms) {
        int[] data = new Random(1).ints(4096).toArray();
        long sum = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < end) {
            int[] copy = data.clone();
            Arrays.sort(copy);
            sum += copy[copy.length / 2];
        }
        return sum;
    }

    private static void contendedMonitor() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (LOCK) {
                held.countDown();
                sleep(50);
            }
        });
        holder.start();
        held.await();
        contend();
        holder.join();
    }

    static void contend() {
        synchronized (LOCK) {
            LOCK.notifyAll();
        }
    }

    static boolean awaitLatch(CountDownLatch never) throws InterruptedException {
        return never.await(30, TimeUnit.MILLISECONDS);
    }

    static void nap() throws InterruptedException {
        Thread.sleep(30);
    }

    /** Sends {@link #SOCKET_BYTES} to a loopback server, which reads them all and answers {@link #REPLY_BYTES}. */
    static void exchange() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().readNBytes(SOCKET_BYTES);
                    s.getOutputStream().write(new byte[REPLY_BYTES]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            serving.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < 4; i++) {
                    out.write(new byte[SOCKET_BYTES / 4]);
                }
                out.flush();
                InputStream in = client.getInputStream();
                byte[] reply = in.readNBytes(REPLY_BYTES);
                if (reply.length != REPLY_BYTES) {
                    throw new AssertionError("short reply: " + reply.length);
                }
            }
            serving.join();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
