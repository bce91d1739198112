package dev.awaitable.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRequestParserTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Feeds {@code s} in one buffer; the results of parse until NEED_MORE or an error, with keep-alive flags. */
    private static List<String> all(HttpRequestParser p, ByteBuffer in) {
        List<String> r = new ArrayList<>();
        for (; ; ) {
            int x = p.parse(in);
            if (x == HttpRequestParser.REQUEST) {
                r.add(p.keepAlive() ? "keep-alive" : "close");
            } else {
                if (x != HttpRequestParser.NEED_MORE) {
                    r.add(x == HttpRequestParser.BAD_REQUEST ? "400" : "431");
                }
                return r;
            }
        }
    }

    /** A request fed one byte per read completes exactly at its last byte. */
    @Test
    void splitByteByByte() {
        String req = "GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
        HttpRequestParser p = new HttpRequestParser();
        byte[] b = req.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i++) {
            int r = p.parse(ByteBuffer.wrap(b, i, 1));
            assertThat(r)
                    .as("byte %d", i)
                    .isEqualTo(i == b.length - 1 ? HttpRequestParser.REQUEST : HttpRequestParser.NEED_MORE);
        }
        assertThat(p.keepAlive()).isTrue();
        assertThat(p.inProgress()).isFalse();
    }

    /** Several requests in one read are returned one by one, in order, with the rest left in the buffer. */
    @Test
    void pipelined() {
        HttpRequestParser p = new HttpRequestParser();
        ByteBuffer in = bytes(
                "GET / HTTP/1.1\r\n\r\nPOST /x HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /y HTTP/1.1\r\nConnection: close\r\n\r\nGET /z HT");
        assertThat(all(p, in)).containsExactly("keep-alive", "keep-alive", "close");
        assertThat(p.inProgress()).isTrue();
        assertThat(all(p, bytes("TP/1.1\n\n"))).containsExactly("keep-alive"); // bare LF line ends too
    }

    /** Connection: close ends persistence, in any case and among other tokens. */
    @Test
    void connectionClose() {
        assertThat(all(new HttpRequestParser(), bytes("GET / HTTP/1.1\r\nconnection: Upgrade, CLOSE\r\n\r\n")))
                .containsExactly("close");
    }

    /** HTTP/1.0 closes unless it asks for keep-alive; the parser says it was 1.0. */
    @Test
    void http10() {
        HttpRequestParser p = new HttpRequestParser();
        assertThat(all(p, bytes("GET / HTTP/1.0\r\n\r\n"))).containsExactly("close");
        assertThat(all(p, bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")))
                .containsExactly("keep-alive");
        assertThat(p.http10()).isTrue();
    }

    /** A body with Content-Length is consumed across reads and discarded; a split body is still in progress. */
    @Test
    void bodyWithContentLength() {
        HttpRequestParser p = new HttpRequestParser();
        assertThat(p.parse(bytes("PUT / HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345")))
                .isEqualTo(HttpRequestParser.NEED_MORE);
        assertThat(p.inProgress()).isTrue();
        ByteBuffer rest = bytes("67890GET");
        assertThat(p.parse(rest)).isEqualTo(HttpRequestParser.REQUEST);
        assertThat(rest.remaining()).isEqualTo(3);
    }

    /** Malformed request lines and header lines are 400. */
    @Test
    void malformedIs400() {
        for (String bad : List.of(
                "HELLO\r\n",
                "GET /\r\n",
                "GET / HTTP/2.0\r\n",
                "GET  / HTTP/1.1\r\n",
                "G(T / HTTP/1.1\r\n",
                "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
                "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
                "GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")) {
            assertThat(all(new HttpRequestParser(), bytes(bad))).as(bad).containsExactly("400");
        }
    }

    /** A head over 8 KiB is 431, whether in one header or many; just under the limit is fine. */
    @Test
    void oversizeIs431() {
        String big = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n";
        assertThat(all(new HttpRequestParser(), bytes(big))).containsExactly("431");
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 1000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(all(new HttpRequestParser(), bytes(many + "\r\n"))).containsExactly("431");
        String fits = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(8000) + "\r\n\r\n";
        assertThat(all(new HttpRequestParser(), bytes(fits))).containsExactly("keep-alive");
    }

    /** The encoder: status, content type, length and body of the configured size. */
    @Test
    void responses() {
        HttpResponses r = new HttpResponses(100);
        String ok = new String(r.ok, StandardCharsets.ISO_8859_1);
        assertThat(ok)
                .startsWith("HTTP/1.1 200 OK\r\n")
                .contains("Content-Type: text/plain\r\n", "Content-Length: 100\r\n")
                .doesNotContain("Connection");
        assertThat(ok.substring(ok.indexOf("\r\n\r\n") + 4)).hasSize(100);
        assertThat(new String(r.okClose, StandardCharsets.ISO_8859_1)).contains("Connection: close\r\n");
        assertThat(new String(HttpResponses.HEADERS_TOO_LARGE, StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 431 ");
    }
}
