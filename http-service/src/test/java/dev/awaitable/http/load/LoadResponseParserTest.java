package dev.awaitable.http.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ResponseParser} frames responses however they are split across reads. */
class LoadResponseParserTest {

    private static final String TWO = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
            + "HTTP/1.1 503 Busy\r\ncontent-length: 0\r\nConnection: close\r\n\r\n";

    private static final String CHUNKED = """
            HTTP/1.1 200 OK\r
            Transfer-Encoding: chunked\r
            \r
            5\r
            hello\r
            A;ext=1\r
            0123456789\r
            0\r
            X-Trailer: t\r
            \r
            """;

    /** Feeds {@code text} in pieces cut at {@code cuts}; returns "status/close" per completed response. */
    private static List<String> feed(String text, int... cuts) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ResponseParser parser = new ResponseParser();
        List<String> done = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
            while (in.hasRemaining()) {
                if (parser.feed(in)) {
                    done.add(parser.status() + "/" + parser.closeRequested());
                }
            }
            from = to;
        }
        return done;
    }

    /** Two pipelined responses in one read: both seen, the second's status and Connection: close kept. */
    @Test
    void twoResponsesInOneRead() throws Exception {
        assertThat(feed(TWO)).containsExactly("200/false", "503/true");
    }

    /** Every single cut point, and byte-by-byte, gives the same two responses. */
    @Test
    void anySplitGivesTheSameResponses() throws Exception {
        for (int cut = 1; cut < TWO.length(); cut++) {
            assertThat(feed(TWO, cut)).as("cut at %d", cut).containsExactly("200/false", "503/true");
        }
        int[] everyByte = new int[TWO.length() - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(feed(TWO, everyByte)).containsExactly("200/false", "503/true");
    }

    /** A chunked body with an extension and a trailer ends after the trailer's empty line, at any cut. */
    @Test
    void chunkedBody() throws Exception {
        for (int cut = 1; cut < CHUNKED.length(); cut++) {
            assertThat(feed(CHUNKED + TWO, cut))
                    .as("cut at %d", cut)
                    .containsExactly("200/false", "200/false", "503/true");
        }
    }

    /** 204 and a 100 Continue need no body; the 100 is not a response of its own. */
    @Test
    void bodylessStatuses() throws Exception {
        assertThat(feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"))
                .containsExactly("204/false");
    }

    /** Garbage, and a body framed only by close, are rejected rather than mis-framed. */
    @Test
    void malformed() {
        assertThatThrownBy(() -> feed("SSH-2.0-OpenSSH\r\n\r\n"))
                .isInstanceOf(ResponseParser.MalformedResponseException.class);
        assertThatThrownBy(() -> feed("HTTP/1.1 200 OK\r\n\r\nbody until close"))
                .isInstanceOf(ResponseParser.MalformedResponseException.class);
    }
}
