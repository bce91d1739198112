package dev.awaitable.http.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Incremental HTTP/1.1 response parser for one connection: fed whatever each read returned, it
 * says when a whole response (status line, headers, body) has gone by, however the response was
 * split across reads. Bodies are skipped, never stored.
 *
 * <p>Framing: {@code Content-Length}, {@code Transfer-Encoding: chunked}, or no body for 1xx, 204
 * and 304. A response that is framed only by the server closing the connection cannot be used on
 * a keep-alive connection and is rejected as malformed.
 *
 * <p>States: {@code STATUS_LINE -> HEADERS -> (BODY | CHUNK_SIZE <-> CHUNK_DATA -> CHUNK_END ...
 * -> TRAILERS) -> back to STATUS_LINE} once {@link #feed} has returned true. Not thread-safe: one
 * connection, one thread.
 */
final class ResponseParser {

    /** Thrown for bytes that are not an HTTP/1.x response we can frame. */
    static final class MalformedResponseException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedResponseException(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_LINE = 16 * 1024;

    /** Waiting for (the rest of) the status line. */
    private static final int STATUS_LINE = 0;
    /** Reading header lines until the empty one. */
    private static final int HEADERS = 1;
    /** Skipping {@link #remaining} bytes of a Content-Length body. */
    private static final int BODY = 2;
    /** Reading a chunk-size line. */
    private static final int CHUNK_SIZE = 3;
    /** Skipping {@link #remaining} bytes of chunk data. */
    private static final int CHUNK_DATA = 4;
    /** Reading the CRLF that ends a chunk's data. */
    private static final int CHUNK_END = 5;
    /** Reading trailer lines after the last chunk until the empty one. */
    private static final int TRAILERS = 6;

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private int state = STATUS_LINE;
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private long remaining;

    /**
     * Consumes bytes from {@code in} (position to limit) up to the end of the current response.
     *
     * @return true when a whole response has been consumed; {@code in} is then positioned just
     *         after it and {@link #status()} / {@link #closeRequested()} describe it until the next call
     */
    boolean feed(ByteBuffer in) throws MalformedResponseException {
        while (in.hasRemaining()) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int skip = (int) Math.min(remaining, in.remaining());
                    in.position(in.position() + skip);
                    remaining -= skip;
                    if (remaining == 0) {
                        if (state == BODY) {
                            state = STATUS_LINE;
                            return true;
                        }
                        state = CHUNK_END;
                    }
                }
                case STATUS_LINE, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    if (readLine(in) && lineComplete()) {
                        return true;
                    }
                }
                default -> throw new IllegalStateException("parser state " + state);
            }
        }
        return false;
    }

    /** The status code of the response {@link #feed} last completed. */
    int status() {
        return status;
    }

    /** Whether that response said {@code Connection: close}. */
    boolean closeRequested() {
        return close;
    }

    /** Forgets any partial response: for a connection that was reopened. */
    void reset() {
        state = STATUS_LINE;
        lineLength = 0;
    }

    /** Appends bytes to {@link #line} up to a LF; true once the line (without CRLF) is complete. */
    private boolean readLine(ByteBuffer in) throws MalformedResponseException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return true;
            }
            if (lineLength == MAX_LINE) {
                throw new MalformedResponseException("line longer than " + MAX_LINE + " bytes");
            }
            line[lineLength++] = b;
        }
        return false;
    }

    /** Acts on the line just read; true if it ended a response. */
    private boolean lineComplete() throws MalformedResponseException {
        int length = lineLength;
        lineLength = 0;
        return switch (state) {
            case STATUS_LINE -> {
                if (length == 0) {
                    yield false; // tolerate a stray CRLF between responses
                }
                startResponse(length);
                state = HEADERS;
                yield false;
            }
            case HEADERS -> {
                if (length > 0) {
                    header(length);
                    yield false;
                }
                yield headersEnded();
            }
            case CHUNK_SIZE -> {
                remaining = chunkSize(length);
                state = remaining == 0 ? TRAILERS : CHUNK_DATA;
                yield false;
            }
            case CHUNK_END -> {
                if (length != 0) {
                    throw new MalformedResponseException("chunk data longer than its size");
                }
                state = CHUNK_SIZE;
                yield false;
            }
            case TRAILERS -> {
                if (length > 0) {
                    yield false;
                }
                state = STATUS_LINE;
                yield true;
            }
            default -> throw new IllegalStateException("parser state " + state);
        };
    }

    private void startResponse(int length) throws MalformedResponseException {
        // "HTTP/1.1 200 OK": the code is the three digits after the first space.
        if (length < 12 || line[0] != 'H' || line[4] != '/' || line[8] != ' ') {
            throw new MalformedResponseException("bad status line: " + text(0, length));
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new MalformedResponseException("bad status line: " + text(0, length));
            }
            code = code * 10 + d;
        }
        status = code;
        contentLength = -1;
        chunked = false;
        close = line[7] == '0'; // HTTP/1.0 closes unless it says keep-alive
    }

    private void header(int length) throws MalformedResponseException {
        int colon = indexOf((byte) ':', length);
        if (colon < 0) {
            throw new MalformedResponseException("bad header line: " + text(0, length));
        }
        String name = text(0, colon).trim();
        if (name.equalsIgnoreCase("content-length")) {
            try {
                contentLength = Long.parseLong(text(colon + 1, length).trim());
            } catch (NumberFormatException e) {
                throw new MalformedResponseException("bad Content-Length: " + text(0, length));
            }
        } else if (name.equalsIgnoreCase("transfer-encoding")) {
            chunked = text(colon + 1, length).toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equalsIgnoreCase("connection")) {
            String value = text(colon + 1, length).toLowerCase(Locale.ROOT);
            if (value.contains("close")) {
                close = true;
            } else if (value.contains("keep-alive")) {
                close = false;
            }
        }
    }

    private boolean headersEnded() throws MalformedResponseException {
        if (status < 200 || status == 204 || status == 304) {
            state = STATUS_LINE;
            return status >= 200; // a 1xx is followed by the real response
        }
        if (chunked) {
            state = CHUNK_SIZE;
            return false;
        }
        if (contentLength < 0) {
            throw new MalformedResponseException("status " + status + " without Content-Length or chunked body");
        }
        if (contentLength == 0) {
            state = STATUS_LINE;
            return true;
        }
        remaining = contentLength;
        state = BODY;
        return false;
    }

    private long chunkSize(int length) throws MalformedResponseException {
        long size = 0;
        int digits = 0;
        for (int i = 0; i < length && line[i] != ';'; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                if (line[i] == ' ' || line[i] == '\t') {
                    continue;
                }
                throw new MalformedResponseException("bad chunk size: " + text(0, length));
            }
            if (++digits > 15) {
                throw new MalformedResponseException("chunk too large: " + text(0, length));
            }
            size = size * 16 + d;
        }
        if (digits == 0) {
            throw new MalformedResponseException("empty chunk size line");
        }
        return size;
    }

    private int indexOf(byte b, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
