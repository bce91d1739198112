package dev.awaitable.http;

import java.nio.charset.StandardCharsets;

/**
 * The response encoder every implementation shares: each answer is encoded once, when the
 * service is created, and written as is (no per-request formatting or allocation).
 */
final class HttpResponses {

    /** 400, then the connection closes. */
    static final byte[] BAD_REQUEST = error("400 Bad Request", "bad request\n");
    /** 431, then the connection closes. */
    static final byte[] HEADERS_TOO_LARGE =
            error("431 Request Header Fields Too Large", "request header fields too large\n");

    /** 200 for an HTTP/1.1 keep-alive request (persistence is the default: no Connection header). */
    final byte[] ok;
    /** 200 for an HTTP/1.0 keep-alive request, which must be told the connection persists. */
    final byte[] okKeepAlive10;
    /** 200, then the connection closes. */
    final byte[] okClose;

    HttpResponses(int bodyBytes) {
        byte[] body = new byte[bodyBytes];
        byte[] pattern = "hello from awaitable\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bodyBytes; i++) {
            body[i] = pattern[i % pattern.length];
        }
        ok = encode("200 OK", null, body);
        okKeepAlive10 = encode("200 OK", "keep-alive", body);
        okClose = encode("200 OK", "close", body);
    }

    /** The 200 answer to the request {@code parser} just returned. */
    byte[] okFor(HttpRequestParser parser) {
        if (!parser.keepAlive()) {
            return okClose;
        }
        return parser.http10() ? okKeepAlive10 : ok;
    }

    /** The answer to a parse error ({@link HttpRequestParser#BAD_REQUEST} or {@code HEADERS_TOO_LARGE}). */
    static byte[] error(int parseResult) {
        return switch (parseResult) {
            case HttpRequestParser.BAD_REQUEST -> BAD_REQUEST;
            case HttpRequestParser.HEADERS_TOO_LARGE -> HEADERS_TOO_LARGE;
            default -> throw new IllegalStateException("not a parse error: " + parseResult);
        };
    }

    private static byte[] error(String status, String text) {
        return encode(status, "close", text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] encode(String status, String connection, byte[] body) {
        String head = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (connection == null ? "" : "Connection: " + connection + "\r\n")
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}
