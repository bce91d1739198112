package dev.awaitable.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The incremental HTTP/1.1 request parser every implementation shares: feed it whatever a read
 * returned, as often as needed; it consumes bytes up to the end of one request and leaves the
 * rest (a pipelined next request) in the buffer.
 *
 * <p>{@link #parse} returns {@link #REQUEST} once a whole request (head and any
 * {@code Content-Length} body, which is read and discarded) has arrived, then {@link #keepAlive()}
 * and {@link #http10()} describe it; {@link #NEED_MORE} when the buffer ran out first;
 * {@link #BAD_REQUEST} (answer 400 and close) for a malformed request line, a malformed header
 * line, a bad {@code Content-Length} or a {@code Transfer-Encoding} (not supported: there is no
 * chunked decoder); {@link #HEADERS_TOO_LARGE} (431 and close) when the head exceeds
 * {@value #MAX_HEAD_BYTES} bytes. After an error the parser is done with that connection.
 *
 * <p>Lines end in CRLF or a bare LF; empty lines before a request line are skipped (RFC 9112
 * 2.2). The request line is checked as soon as it ends, so garbage gets its 400 without waiting
 * for a blank line. Allocates nothing per request: the head grows in one array kept for the
 * connection (starting small, so 10,000 idle connections stay cheap). Not thread-safe: one
 * connection's handler owns it.
 */
final class HttpRequestParser {

    /** The most bytes the request line and headers may take, line ends included. */
    static final int MAX_HEAD_BYTES = 8192;

    /** Feed more bytes: the request is not complete yet. */
    static final int NEED_MORE = 0;
    /** One complete request was consumed. */
    static final int REQUEST = 1;
    /** Malformed: answer 400 and close. */
    static final int BAD_REQUEST = 2;
    /** The head exceeds {@link #MAX_HEAD_BYTES}: answer 431 and close. */
    static final int HEADERS_TOO_LARGE = 3;

    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    /** The head so far: lines without their CR, each ended by one LF. */
    private byte[] head = new byte[256];

    private int headLength;
    /** Where the line being read starts in {@code head}. */
    private int lineStart;
    /** Body bytes of the current request still to discard; > 0 means the head is done. */
    private long bodyRemaining;

    private boolean keepAlive;
    private boolean http10;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private long contentLength;

    /**
     * Consumes bytes from {@code in} (between its position and limit) up to the end of one
     * request.
     *
     * @return {@link #REQUEST}, {@link #NEED_MORE}, {@link #BAD_REQUEST} or {@link #HEADERS_TOO_LARGE}
     */
    int parse(ByteBuffer in) {
        if (bodyRemaining > 0) {
            return skipBody(in);
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b != '\n') {
                if (headLength == MAX_HEAD_BYTES) {
                    return HEADERS_TOO_LARGE;
                }
                append(b);
                continue;
            }
            int end = headLength;
            if (end > lineStart && head[end - 1] == '\r') {
                end--;
            }
            headLength = end;
            if (end == lineStart) { // an empty line
                if (lineStart == 0) {
                    continue; // before the request line: skipped
                }
                int r = endOfHead();
                headLength = 0;
                lineStart = 0;
                if (r != REQUEST) {
                    return r;
                }
                bodyRemaining = contentLength;
                return bodyRemaining > 0 ? skipBody(in) : REQUEST;
            }
            if (headLength == MAX_HEAD_BYTES) {
                return HEADERS_TOO_LARGE;
            }
            append((byte) '\n');
            if (lineStart == 0 && !requestLine(end)) {
                return BAD_REQUEST;
            }
            lineStart = headLength;
        }
        return NEED_MORE;
    }

    /** Whether the connection stays open after the answer to the last request. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the last request was HTTP/1.0 (its keep-alive answer must say so). */
    boolean http10() {
        return http10;
    }

    /** Whether part of a request has arrived (a disconnect now is mid-request). */
    boolean inProgress() {
        return headLength > 0 || bodyRemaining > 0;
    }

    private int skipBody(ByteBuffer in) {
        int n = (int) Math.min(bodyRemaining, in.remaining());
        in.position(in.position() + n);
        bodyRemaining -= n;
        return bodyRemaining == 0 ? REQUEST : NEED_MORE;
    }

    private void append(byte b) {
        if (headLength == head.length) {
            head = Arrays.copyOf(head, Math.min(MAX_HEAD_BYTES, head.length * 2));
        }
        head[headLength++] = b;
    }

    /** Checks {@code METHOD SP target SP HTTP/1.x} in head[0, end); resets the per-request fields. */
    private boolean requestLine(int end) {
        byte[] h = head;
        int i = 0;
        while (i < end && isTokenChar(h[i])) {
            i++;
        }
        if (i == 0 || i >= end || h[i] != ' ') {
            return false;
        }
        int target = ++i;
        while (i < end && h[i] > ' ' && h[i] != 0x7f) {
            i++;
        }
        if (i == target || i >= end || h[i] != ' ') {
            return false;
        }
        i++;
        if (end - i != 8
                || h[i] != 'H'
                || h[i + 1] != 'T'
                || h[i + 2] != 'T'
                || h[i + 3] != 'P'
                || h[i + 4] != '/'
                || h[i + 5] != '1'
                || h[i + 6] != '.'
                || (h[i + 7] != '0' && h[i + 7] != '1')) {
            return false;
        }
        http10 = h[i + 7] == '0';
        connectionClose = false;
        connectionKeepAlive = false;
        contentLength = 0;
        return true;
    }

    /** The head is complete in head[0, headLength): reads the header lines after the request line. */
    private int endOfHead() {
        byte[] h = head;
        int i = 0;
        while (h[i] != '\n') {
            i++;
        }
        i++;
        boolean sawLength = false;
        while (i < headLength) {
            int lineEnd = i;
            while (h[lineEnd] != '\n') {
                lineEnd++;
            }
            int colon = i;
            while (colon < lineEnd && h[colon] != ':') {
                colon++;
            }
            if (colon == i || colon == lineEnd || !isToken(h, i, colon)) {
                return BAD_REQUEST; // no name, no colon, obsolete folding, or space before the colon
            }
            int v = colon + 1;
            int ve = lineEnd;
            while (v < ve && (h[v] == ' ' || h[v] == '\t')) {
                v++;
            }
            while (ve > v && (h[ve - 1] == ' ' || h[ve - 1] == '\t')) {
                ve--;
            }
            if (equalsIgnoreCase(h, i, colon, CONNECTION)) {
                connectionTokens(h, v, ve);
            } else if (equalsIgnoreCase(h, i, colon, CONTENT_LENGTH)) {
                long n = digits(h, v, ve);
                if (n < 0 || (sawLength && n != contentLength)) {
                    return BAD_REQUEST;
                }
                sawLength = true;
                contentLength = n;
            } else if (equalsIgnoreCase(h, i, colon, TRANSFER_ENCODING)) {
                return BAD_REQUEST;
            }
            i = lineEnd + 1;
        }
        keepAlive = !connectionClose && (!http10 || connectionKeepAlive);
        return REQUEST;
    }

    private void connectionTokens(byte[] h, int from, int to) {
        int i = from;
        while (i < to) {
            while (i < to && (h[i] == ',' || h[i] == ' ' || h[i] == '\t')) {
                i++;
            }
            int start = i;
            while (i < to && h[i] != ',' && h[i] != ' ' && h[i] != '\t') {
                i++;
            }
            if (equalsIgnoreCase(h, start, i, CLOSE)) {
                connectionClose = true;
            } else if (equalsIgnoreCase(h, start, i, KEEP_ALIVE)) {
                connectionKeepAlive = true;
            }
        }
    }

    /** Decimal digits in h[from, to) as a long, or -1 if empty, not all digits, or over 18 digits. */
    private static long digits(byte[] h, int from, int to) {
        if (from == to || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            if (h[i] < '0' || h[i] > '9') {
                return -1;
            }
            n = n * 10 + (h[i] - '0');
        }
        return n;
    }

    private static boolean isToken(byte[] h, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isTokenChar(h[i])) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(byte c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || (c > ' ' && c < 0x7f && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    /** Whether h[from, to) equals {@code lower} (lower-case ASCII), ignoring case. */
    private static boolean equalsIgnoreCase(byte[] h, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            int c = h[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
