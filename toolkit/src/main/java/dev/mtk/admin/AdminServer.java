package dev.mtk.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mtk.embed.MtkServer;
import dev.mtk.internal.Addresses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of an {@link MtkServer} over HTTP and JSON ({@code mtk server --admin}): tests in any language list
 * its sessions, read its journal, reset it and replace its behaviour while clients stay connected.
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.builder().port(0).start(server)) {
 *     // curl http://127.0.0.1:PORT/journal?path=$.op&value=put
 * }
 * }</pre>
 *
 * <p>Routes ({@link AdminRoutes}): {@code GET /health}, {@code GET /metrics} (Prometheus text), {@code GET /sessions},
 * {@code DELETE /sessions/{id}},
 * {@code GET /journal?since=&session=&path=&value=}, {@code POST /reset}, {@code PUT /behaviour}. Errors are
 * {@code {"error": "..."}} with 400, 401, 404, 405, 409 or 413.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: a handful of JSON routes need no framework, Jackson is already
 * here for the bodies, and the archive gains no library. Requests run on a pool of {@value #THREADS} threads of its
 * own with a queue of {@value #QUEUE}, never on MINA's I/O threads (replacing a behaviour compiles Groovy); bodies
 * are refused past {@value #MAX_BODY} bytes. It listens on 127.0.0.1 unless told otherwise, and refuses to listen
 * anywhere else without a token.
 */
public final class AdminServer implements AutoCloseable {
    /** Largest request body taken: 1 MiB, far more than a behaviour script needs. */
    public static final int MAX_BODY = 1 << 20;
    /** Bytes of a refused body read and dropped so that its 413 arrives; past them the connection is cut. */
    private static final long MAX_DISCARDED = 4L * MAX_BODY;
    private static final int THREADS = 2;
    private static final int QUEUE = 64;
    private static final Logger LOG = LoggerFactory.getLogger("mtk.admin");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final ThreadPoolExecutor pool;

    private AdminServer(HttpServer http, ThreadPoolExecutor pool) {
        this.http = http;
        this.pool = pool;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** {@code http://127.0.0.1:PORT}: what {@code mtk server} prints as {@code admin on ...}. */
    public String url() {
        return "http://" + Addresses.format(address());
    }

    /** Stops listening at once (requests in progress are cut) and ends the pool's threads. */
    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "mtk admin " + url();
    }

    /** One request, on a pool thread: every failure becomes a JSON error, and the exchange is always closed. */
    private static void serve(HttpExchange exchange, AdminRoutes routes, byte[] token) {
        try {
            AdminRoutes.Reply reply;
            try {
                authorize(exchange, token);
                byte[] body = body(exchange);
                reply = routes.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), body);
            } catch (AdminError refused) {
                if (refused.allow() != null) {
                    exchange.getResponseHeaders().set("Allow", refused.allow());
                }
                if (refused.status() == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                }
                reply = new AdminRoutes.Reply(refused.status(), Map.of("error", refused.getMessage()));
            } catch (Throwable failure) {
                LOG.warn("admin {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), failure);
                reply = new AdminRoutes.Reply(500, Map.of("error", "internal error: " + failure));
            }
            byte[] bytes;
            if (reply.body() instanceof AdminRoutes.Text text) {
                bytes = text.text().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", text.contentType());
            } else {
                bytes = JSON.writeValueAsBytes(reply.body());
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | RuntimeException gone) {
            // The caller hung up, or the reply could not be written: nobody is left to tell.
            LOG.debug("admin reply not sent", gone);
        } finally {
            exchange.close();
        }
    }

    private static void authorize(HttpExchange exchange, byte[] token) {
        if (token == null) {
            return;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null || !given.startsWith("Bearer ")) {
            throw new AdminError(401, "this admin API needs the header Authorization: Bearer TOKEN");
        }
        // Constant time, so that the answer's timing does not tell how much of a guess was right.
        if (!MessageDigest.isEqual(token, given.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8))) {
            throw new AdminError(401, "wrong token");
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                // Read on, keeping nothing, before answering: a server that closes with a body unread resets the
                // connection, and the client loses the 413 that says why (seen in AdminServerTest under load).
                byte[] discard = new byte[8192];
                long left = MAX_DISCARDED;
                int read;
                while (left > 0 && (read = in.read(discard, 0, (int) Math.min(discard.length, left))) >= 0) {
                    left -= read;
                }
                throw new AdminError(413, "the body is over the limit of " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    /** Where the admin API listens and who may use it; {@link #start(MtkServer)} binds. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String token;

        private Builder() {
        }

        /** Address to bind; 127.0.0.1 by default. Any other than a loopback address needs a {@link #token}. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int value) {
            this.port = dev.mtk.internal.Checks.port("admin port", value, true);
            return this;
        }

        /** Every request must then carry {@code Authorization: Bearer TOKEN}. */
        public Builder token(String value) {
            Objects.requireNonNull(value, "token");
            if (value.isBlank()) {
                throw new IllegalArgumentException("admin token must not be blank");
            }
            this.token = value;
            return this;
        }

        /**
         * Checks what can be checked before binding: a host that is not a loopback address needs a token.
         *
         * @throws IllegalArgumentException naming the host and what to give
         */
        public Builder check() {
            if (token == null && !loopback(host)) {
                throw new IllegalArgumentException("admin on " + host + " is reachable from other machines: give a "
                        + "token (--admin-token TOKEN or MTK_ADMIN_TOKEN), or listen on 127.0.0.1");
            }
            return this;
        }

        private static boolean loopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        /**
         * Binds and serves {@code server}'s admin API.
         *
         * @throws IllegalArgumentException as {@link #check()} does
         * @throws UncheckedIOException     when the address cannot be bound, naming it
         */
        public AdminServer start(MtkServer server) {
            check();
            AdminRoutes routes = new AdminRoutes(Objects.requireNonNull(server, "server"), JSON);
            byte[] secret = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
            AtomicInteger count = new AtomicInteger();
            // Past the queue, the HTTP server's own dispatcher thread runs the request: it then accepts nothing more
            // until that one is done, which is the back pressure a full queue should give.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(QUEUE), task -> {
                        Thread thread = new Thread(task, "mtk-admin-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(host, port), 0);
            } catch (IOException e) {
                pool.shutdownNow();
                throw new UncheckedIOException("cannot listen for admin on " + host + ":" + port + ": "
                        + e.getMessage(), e);
            }
            http.setExecutor(pool);
            http.createContext("/", exchange -> serve(exchange, routes, secret));
            http.start();
            return new AdminServer(http, pool);
        }
    }
}
