package dev.warren.core.uapi;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Serves one UAPI connection (https://www.wireguard.com/xplatform/): any number of {@code get=1} and
 * {@code set=1} operations, each answered with {@code errno=N} and an empty line.
 *
 * <p>Unlike wireguard-go, which applies a set request line by line and stops half-way at the first bad line, this
 * reads the whole request up to its empty line, validates all of it and only then hands it to the backend, so a
 * malformed request changes nothing. The errno values are wireguard-go's, sent negated as it does, which is what
 * {@code wg(8)} expects ({@code errno=-22} makes it print "Invalid argument"). A request that ends at a line
 * boundary without its empty line is applied, as wireguard-go does; one cut off inside a line is not (EPROTO).
 * An unknown operation closes the connection, as in wireguard-go.
 */
public final class UapiSession {

    private static final System.Logger LOG = System.getLogger(UapiSession.class.getName());

    private final UapiBackend backend;
    private final UapiLineReader in;
    private final OutputStream out;

    public UapiSession(UapiBackend backend, InputStream in, OutputStream out) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.in = new UapiLineReader(Objects.requireNonNull(in, "in"));
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Serves operations until the client closes its side or sends an unknown operation. The streams are not closed.
     *
     * @throws IOException if reading or writing fails
     */
    public void serve() throws IOException {
        while (true) {
            String op;
            try {
                op = in.readLine();
            } catch (UapiLineReader.LineTooLongException | EOFException e) {
                return;
            }
            if (op == null) {
                return;
            }
            int errno;
            StringBuilder reply = new StringBuilder();
            switch (op) {
                case "get=1" -> {
                    errno = get(reply);
                    if (errno < 0) {
                        return;
                    }
                }
                case "set=1" -> {
                    errno = set();
                    if (errno < 0) {
                        reply(reply, UapiException.EPROTO);
                        return;
                    }
                }
                default -> {
                    LOG.log(System.Logger.Level.WARNING, "UAPI: unknown operation, closing the connection");
                    return;
                }
            }
            reply(reply, errno);
        }
    }

    private void reply(StringBuilder reply, int errno) throws IOException {
        reply.append("errno=").append(-errno).append("\n\n");
        out.write(reply.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Writes the get operation's body lines into {@code reply} and returns the errno, or -1 if the client left
     * before completing the request (wireguard-go then closes without a reply).
     */
    private int get(StringBuilder reply) throws IOException {
        String blank;
        try {
            blank = in.readLine();
        } catch (UapiLineReader.LineTooLongException | EOFException e) {
            return UapiException.EINVAL; // data after get=1 that is not the empty line
        }
        if (blank == null) {
            return -1;
        }
        if (!blank.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "UAPI: get=1 must be followed by an empty line");
            return UapiException.EINVAL;
        }
        try {
            GetResponseWriter.write(backend.get(), reply);
            return 0;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "UAPI: reading the device state failed", e);
            reply.setLength(0);
            return UapiException.ENOANO;
        }
    }

    /**
     * Reads, validates and applies one set request. Returns the errno for the reply, or -1 if the stream ended
     * inside a line, after which the connection cannot continue.
     */
    private int set() throws IOException {
        SetRequestParser parser = new SetRequestParser();
        UapiException failure = null;
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (UapiLineReader.LineTooLongException e) {
                if (failure == null) {
                    failure = new UapiException(UapiException.EINVAL, "set request: a line is longer than "
                            + UapiLineReader.MAX_LINE + " bytes");
                }
                continue;
            } catch (EOFException e) {
                LOG.log(System.Logger.Level.WARNING, "UAPI: set request cut off inside a line; nothing applied");
                return -1;
            }
            if (line != null && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1); // as Go's line scanner does
            }
            if (line == null || line.isEmpty()) {
                break;
            }
            if (failure != null) {
                continue; // drain the rest of the request so the next operation starts in step
            }
            try {
                parser.line(line);
            } catch (UapiException e) {
                failure = e;
            }
        }
        try {
            if (failure != null) {
                throw failure;
            }
            backend.set(parser.finish());
            return 0;
        } catch (UapiException e) {
            LOG.log(System.Logger.Level.WARNING, "UAPI: " + e.getMessage() + " (errno " + e.errno() + "); nothing applied");
            return e.errno();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "UAPI: applying a set request failed", e);
            return UapiException.ENOANO;
        }
    }
}
