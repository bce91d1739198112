package dev.awaitable.loom;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Run in a fresh JVM by {@link SocketIoWakeTest}: a body blocked in {@code accept()} and then in
 * a socket read, on an otherwise idle JVM, must wake when the peer connects and writes. Prints
 * {@code accepted} and {@code read 42}, or {@code TIMEOUT} after 10 s.
 */
public final class SocketIoWakeProbe {
    private SocketIoWakeProbe() {}

    public static void main(String[] args) throws Exception {
        Async.useBackend("loom"); // first: the backend sets the poller mode before any socket I/O
        try (ServerSocket server = new ServerSocket(0)) {
            Awaitable<Integer> body = Async.run(() -> {
                Async.await(Awaitables.yieldNow()); // release the caller: the blocking calls below are not awaits
                try (Socket s = server.accept()) {
                    System.out.println("accepted");
                    return s.getInputStream().read();
                }
            });
            Thread.sleep(300); // the body is parked in accept() by now
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                Thread.sleep(300); // and in read()
                client.getOutputStream().write(42);
                client.getOutputStream().flush();
                Integer b = body.join(Duration.ofSeconds(10));
                System.out.println("read " + b);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("TIMEOUT");
        }
        System.exit(0);
    }
}
