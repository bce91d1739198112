package dev.awaitable.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one contract suite every implementation passes: each test runs against statemachine, loom,
 * blocking and completable-future, over raw sockets (so split, pipelined and broken requests can
 * be sent as they are).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServiceTest {

    private static final String GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    /** A response as the client read it; {@code bodyLength} bytes of body. */
    record Response(int status, String head, int bodyLength) {}

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        s.setSoTimeout(20_000);
        return s;
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads one response: the head up to the blank line, then Content-Length body bytes. */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in response head after " + head);
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : 0;
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(h.substring(9, 12));
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        assertThat(body).hasSize(length);
        return new Response(status, h, body.length);
    }

    static HttpService start(String impl, int delayMs) throws IOException {
        HttpService s = HttpServices.create(impl, new HttpServiceConfig(delayMs, 100, 1024));
        PORTS.put(s, s.start(0));
        return s;
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    static List<Thread> serverThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 64];
        int n = root.enumerate(all, true); // no stack walking (see CarrierThreads on thread snapshots)
        List<Thread> ours = new ArrayList<>();
        for (Thread t : Arrays.copyOf(all, n)) {
            if (t.getName().startsWith("http-") && t.isAlive()) {
                ours.add(t);
            }
        }
        return ours;
    }

    /** 200 concurrent keep-alive connections, 5 requests each, all answered 200 with the configured body. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom", "virtual-threads", "blocking", "completable-future"})
    void concurrentKeepAlive(String impl) throws Exception {
        int connections = 200;
        int perConnection = 5;
        try (HttpService service = start(impl, 20);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> done = new ArrayList<>();
            int p = portOf(service);
            for (int c = 0; c < connections; c++) {
                done.add(clients.submit(() -> {
                    try (Socket s = connect(p)) {
                        int ok = 0;
                        for (int i = 0; i < perConnection; i++) {
                            send(s, "GET /item/" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                            Response r = read(s.getInputStream());
                            if (r.status() == 200
                                    && r.bodyLength() == 100
                                    && r.head().contains("Content-Type: text/plain")) {
                                ok++;
                            }
                        }
                        return ok;
                    }
                }));
            }
            int ok = 0;
            for (Future<Integer> f : done) {
                ok += f.get();
            }
            assertThat(ok).isEqualTo(connections * perConnection);
            eventually("all requests counted", () -> service.requests() == (long) connections * perConnection);
            assertThat(service.peakOpenConnections()).isBetween(1, connections);
            eventually("connections closed", () -> service.openConnections() == 0);
        }
    }

    /** Each answer waits for the delay: a request takes at least delayMs. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom", "virtual-threads", "blocking", "completable-future"})
    void delayIsHonoured(String impl) throws Exception {
        try (HttpService service = start(impl, 150);
                Socket s = connect(portOf(service))) {
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                send(s, GET);
                assertThat(read(s.getInputStream()).status()).isEqualTo(200);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                        .isGreaterThanOrEqualTo(150);
            }
        }
    }

    /** Connection: close is answered (saying so) and then the server closes; HTTP/1.0 closes too. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom", "virtual-threads", "blocking", "completable-future"})
    void connectionCloseCloses(String impl) throws Exception {
        try (HttpService service = start(impl, 0)) {
            for (String req : List.of("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n")) {
                try (Socket s = connect(portOf(service))) {
                    send(s, req);
                    Response r = read(s.getInputStream());
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.head()).contains("Connection: close");
                    assertThat(s.getInputStream().read()).isEqualTo(-1);
                }
            }
            eventually("connections closed", () -> service.openConnections() == 0);
        }
    }

    /** Pipelined requests in one write get their answers in order; malformed gets 400 and oversize 431, each then closing. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom", "virtual-threads", "blocking", "completable-future"})
    void pipelinedAndErrors(String impl) throws Exception {
        try (HttpService service = start(impl, 5)) {
            try (Socket s = connect(portOf(service))) {
                send(s, GET + "POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello" + GET);
                for (int i = 0; i < 3; i++) {
                    assertThat(read(s.getInputStream()).status()).isEqualTo(200);
                }
                send(s, "NONSENSE\r\n\r\n");
                assertThat(read(s.getInputStream()).status()).isEqualTo(400);
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket s = connect(portOf(service))) {
                send(s, "GET / HTTP/1.1\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n");
                assertThat(read(s.getInputStream()).status()).isEqualTo(431);
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            eventually("connections closed", () -> service.openConnections() == 0);
        }
    }

    /** The service binds 127.0.0.1 only: not ::1, not the host's other addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom", "virtual-threads", "blocking", "completable-future"})
    void bindsLoopbackOnly(String impl) throws Exception {
        try (HttpService service = start(impl, 0)) {
            int port = portOf(service);
            List<InetAddress> others = new ArrayList<>();
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address ? !a.getHostAddress().equals("127.0.0.1") : a.isLoopbackAddress()) {
                        others.add(a);
                    }
                }
            }
            Assumptions.assumeFalse(others.isEmpty(), "no other local address to try");
            for (InetAddress a : others) {
                assertThatThrownBy(() -> {
                            try (Socket s = new Socket()) {
                                s.connect(new InetSocketAddress(a, port), 2_000);
                            }
                        })
                        .as("connect to %s", a)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    /** close() closes every connection (clients see EOF), stops accepting, and leaves no http- thread. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom", "virtual-threads", "blocking", "completable-future"})
    void closeLeavesNothing(String impl) throws Exception {
        HttpService service = start(impl, 200);
        int port = portOf(service);
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Socket s = connect(port);
            clients.add(s);
            if (i % 2 == 0) {
                send(s, GET); // half of them are inside the delay when close() runs
            }
        }
        eventually("all accepted", () -> service.openConnections() == 10);
        service.close();
        service.close(); // idempotent
        assertThat(service.openConnections()).isZero();
        for (Socket s : clients) {
            s.setSoTimeout(10_000);
            try (s) {
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // a delayed answer may or may not make it out before the close
                }
            } catch (IOException reset) {
                // a reset is a close too
            }
        }
        eventually("no http- threads", () -> serverThreads().isEmpty());
        assertThatThrownBy(() -> connect(port).close()).isInstanceOf(ConnectException.class);
    }

    /** A client that disconnects (FIN or RST) mid-request is counted and dropped; the service goes on serving. */
    @ParameterizedTest
    @ValueSource(strings = {"statemachine", "loom", "virtual-threads", "blocking", "completable-future"})
    void clientDisconnectingMidRequestIsSurvived(String impl) throws Exception {
        try (HttpService service = start(impl, 0)) {
            int port = portOf(service);
            try (Socket s = connect(port)) {
                send(s, "GET /half HTTP/1.1\r\nHost: x\r\n");
            }
            Socket rst = connect(port);
            send(rst, "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part");
            rst.setSoLinger(true, 0);
            rst.close();
            // Race (test vs acceptor): both clients may be gone before the server accepted them,
            // so wait for the count first. The half request ended by FIN is always read, so it is
            // always counted; the reset one only if the server read its bytes before the RST
            // (Linux drops unread data on a reset), so it may count or not.
            AbstractHttpService counted = (AbstractHttpService) service;
            eventually("the half request counted", () -> counted.abortedConnections() >= 1);
            eventually("broken connections dropped", () -> service.openConnections() == 0);
            assertThat(counted.abortedConnections()).isBetween(1L, 2L);
            try (Socket s = connect(port)) {
                send(s, GET);
                assertThat(read(s.getInputStream()).status()).isEqualTo(200);
            }
        }
    }

    /** Unknown implementation ids are refused with the list of valid ones. */
    @Test
    void unknownImplementation() {
        assertThatThrownBy(() -> HttpServices.create("netty", new HttpServiceConfig(0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statemachine, loom, virtual-threads, blocking, completable-future");
        assertThatThrownBy(() -> new HttpServiceConfig(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpServiceConfig(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpServiceConfig(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final java.util.Map<HttpService, Integer> PORTS =
            Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    static int portOf(HttpService service) {
        return PORTS.get(service);
    }
}
