/*
 * The floor mtk's CPU per message is measured against (bench/compare.sh): a single-threaded epoll server that does the
 * least a server of the json profile can do, with nothing of mtk's generality. Per readable connection: one read of
 * what the socket holds, every whole frame in it parsed, one acknowledgement queued per frame that is not the seed's
 * confirmation, and one write of all of them.
 *
 *   +---------+------------------+----------------+
 *   | Headers | length (4 bytes, | body           |
 *   | 7 bytes | big-endian)      | length bytes   |
 *   +---------+------------------+----------------+
 *
 * The acknowledgement is the frame around the JSON string "我收到了"; the confirmation is the body "ok" (JSON: "\"ok\"").
 * A frame longer than 1 MiB, or one that does not start with "Headers", closes its connection, as mtk's server does.
 *
 *   cc -O2 -o ack_server bench/native/ack_server.c && ./ack_server PORT     (prints "listening on 127.0.0.1:PORT")
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define HEADER 11
#define MAX_FRAME (1024 * 1024)
#define READ_CHUNK 65536

static const char MAGIC[7] = {'H', 'e', 'a', 'd', 'e', 'r', 's'};
static const char CONFIRMATION[] = "\"ok\"";
static unsigned char ack[64];
static size_t ack_length;

struct connection {
    int fd;
    unsigned char *in;      /* bytes read, not yet a whole frame */
    size_t in_length, in_capacity;
    unsigned char *out;     /* acknowledgements not yet written */
    size_t out_start, out_length, out_capacity;
};

static void *grow(void *buffer, size_t *capacity, size_t needed) {
    if (needed <= *capacity) {
        return buffer;
    }
    size_t next = *capacity ? *capacity : 4096;
    while (next < needed) {
        next *= 2;
    }
    void *grown = realloc(buffer, next);
    if (grown == NULL) {
        perror("realloc");
        exit(1);
    }
    *capacity = next;
    return grown;
}

static void drop(int epoll, struct connection *c) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->in);
    free(c->out);
    free(c);
}

/* Writes what is queued; returns -1 when the connection failed, 1 when bytes remain (wait for EPOLLOUT), 0 when done. */
static int flush(struct connection *c) {
    while (c->out_length > c->out_start) {
        ssize_t n = write(c->fd, c->out + c->out_start, c->out_length - c->out_start);
        if (n < 0) {
            return errno == EAGAIN || errno == EWOULDBLOCK ? 1 : -1;
        }
        c->out_start += (size_t) n;
    }
    c->out_start = c->out_length = 0;
    return 0;
}

/* Parses every whole frame read so far and queues its acknowledgement; returns -1 for a frame that must close. */
static int parse(struct connection *c) {
    size_t at = 0;
    while (c->in_length - at >= HEADER) {
        unsigned char *frame = c->in + at;
        if (memcmp(frame, MAGIC, sizeof MAGIC) != 0) {
            return -1;
        }
        uint32_t length = (uint32_t) frame[7] << 24 | (uint32_t) frame[8] << 16 | (uint32_t) frame[9] << 8 | frame[10];
        if (length > MAX_FRAME) {
            return -1;
        }
        if (c->in_length - at < HEADER + (size_t) length) {
            break;
        }
        if (!(length == sizeof CONFIRMATION - 1 && memcmp(frame + HEADER, CONFIRMATION, length) == 0)) {
            c->out = grow(c->out, &c->out_capacity, c->out_length + ack_length);
            memcpy(c->out + c->out_length, ack, ack_length);
            c->out_length += ack_length;
        }
        at += HEADER + length;
    }
    memmove(c->in, c->in + at, c->in_length - at);
    c->in_length -= at;
    return 0;
}

static void readable(int epoll, struct connection *c) {
    c->in = grow(c->in, &c->in_capacity, c->in_length + READ_CHUNK);
    ssize_t n = read(c->fd, c->in + c->in_length, c->in_capacity - c->in_length);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
        drop(epoll, c);
        return;
    }
    if (n < 0) {
        return;
    }
    c->in_length += (size_t) n;
    if (parse(c) < 0) {
        drop(epoll, c);
        return;
    }
    int left = flush(c);
    if (left < 0) {
        drop(epoll, c);
    } else if (left > 0) {
        struct epoll_event event = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
        epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &event);
    }
}

static void writable(int epoll, struct connection *c) {
    int left = flush(c);
    if (left < 0) {
        drop(epoll, c);
    } else if (left == 0) {
        struct epoll_event event = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(epoll, EPOLL_CTL_MOD, c->fd, &event);
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 0;
    static const char body[] = "\"\xe6\x88\x91\xe6\x94\xb6\xe5\x88\xb0\xe4\xba\x86\"";
    size_t body_length = sizeof body - 1;
    memcpy(ack, MAGIC, sizeof MAGIC);
    ack[7] = ack[8] = ack[9] = 0;
    ack[10] = (unsigned char) body_length;
    memcpy(ack + HEADER, body, body_length);
    ack_length = HEADER + body_length;
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int yes = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *) &address, sizeof address) < 0 || listen(listener, 1024) < 0) {
        perror("ack_server: bind");
        return 1;
    }
    socklen_t size = sizeof address;
    getsockname(listener, (struct sockaddr *) &address, &size);
    printf("listening on 127.0.0.1:%d (native epoll reference)\n", ntohs(address.sin_port));
    fflush(stdout);

    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[256];
    for (;;) {
        int ready = epoll_wait(epoll, events, 256, -1);
        for (int i = 0; i < ready; i++) {
            struct connection *c = events[i].data.ptr;
            if (c == NULL) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
                    struct connection *fresh = calloc(1, sizeof *fresh);
                    fresh->fd = fd;
                    struct epoll_event in = {.events = EPOLLIN, .data.ptr = fresh};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &in);
                }
                continue;
            }
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                drop(epoll, c);
            } else if (events[i].events & EPOLLOUT) {
                writable(epoll, c);
            } else {
                readable(epoll, c);
            }
        }
    }
}
