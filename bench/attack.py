#!/usr/bin/env python3
"""Hostile peers against an mtk server on loopback, beside a canary doing the json profile's exchange.

Usage: python3 bench/attack.py PORT [PHASE ...]
Phases (default: all, in this order):
  partial    200 connections, each announcing a 1 MiB frame and sending 900 KiB of it, held open
  pipeline   60 connections sending requests as fast as the server takes them, never reading a reply
  drip       1,000 connections sending an 8 KiB frame header and body a byte every 2 s, for 40 s
  address    2,000 connections from 127.0.0.1, held open (the per-address limit)
Prints, per phase, what the attackers saw and the canary's exchanges during it: count, failures, p50, p99, max.
Only loopback. Every loop is bounded in count and time; everything it opens, it closes.
"""
import socket
import struct
import sys
import threading
import time

HOST = "127.0.0.1"


def frame(body):
    return b"Headers" + struct.pack(">i", len(body)) + body


ACK = frame('"我收到了"'.encode())


class Canary(threading.Thread):
    """One exchange at a time on one connection, reconnecting after a failure; keeps every latency."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.latencies = []
        self.failures = 0
        self.running = True

    def run(self):
        sock = None
        while self.running:
            try:
                if sock is None:
                    sock = socket.create_connection((HOST, self.port), timeout=5)
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                start = time.perf_counter()
                sock.sendall(frame(b'{"canary":true}'))
                got = b""
                while len(got) < len(ACK):
                    chunk = sock.recv(len(ACK) - len(got))
                    if not chunk:
                        raise ConnectionError("closed")
                    got += chunk
                sock.sendall(frame(b'"ok"'))
                self.latencies.append((time.perf_counter() - start) * 1000)
                time.sleep(0.01)
            except (OSError, ConnectionError):
                self.failures += 1
                if sock is not None:
                    sock.close()
                sock = None
                time.sleep(0.1)
        if sock is not None:
            sock.close()

    def take(self):
        taken, self.latencies = self.latencies, []
        failures, self.failures = self.failures, 0
        return taken, failures


def summary(latencies, failures):
    if not latencies:
        return "canary: 0 exchanges, %d failures" % failures
    ordered = sorted(latencies)

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return "canary: %d exchanges, %d failures, p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        len(ordered), failures, at(0.5), at(0.99), ordered[-1])


def closed_by_server(sock):
    """Whether the server closed it: a read finds the end, or a write is refused (the peer reset it)."""
    sock.setblocking(False)
    try:
        if sock.recv(1, socket.MSG_PEEK) == b"":
            return True
    except BlockingIOError:
        pass
    except OSError:
        return True
    try:
        sock.send(b" ")
        return False
    except BlockingIOError:
        return False
    except OSError:
        return True


def count_closed_and_close(socks, wait):
    """After {wait} seconds, how many of {socks} the server has closed; then closes them all."""
    time.sleep(wait)
    closed = sum(closed_by_server(s) for s in socks)
    for sock in socks:
        sock.close()
    return closed


def partial(port):
    body = b" " * (900 * 1024)
    head = b"Headers" + struct.pack(">i", 1024 * 1024)
    socks = []
    for _ in range(200):
        sock = socket.create_connection((HOST, port), timeout=5)
        socks.append(sock)
        try:
            sock.sendall(head + body)
        except OSError:
            pass
    closed = count_closed_and_close(socks, 3)
    return "200 partial frames of 900 KiB: %d closed by the server" % closed


def pipeline(port):
    """Requests until the server stops taking them (or 64 MB each), then waits past the write timeout."""
    requests = b"".join(frame(('{"n":%d}' % i).encode()) for i in range(1000))
    socks, sent = [], []
    for _ in range(60):
        sock = socket.create_connection((HOST, port), timeout=5)
        sock.setblocking(False)
        socks.append(sock)
        stalls, count = 0, 0
        while stalls < 200 and count < 64_000_000:
            try:
                count += sock.send(requests)
                stalls = 0
            except BlockingIOError:
                stalls += 1
                time.sleep(0.001)
            except OSError:
                break
        sent.append(count)
    stopped = sum(1 for count in sent if count < 64_000_000)
    closed = count_closed_and_close(socks, 35)
    return ("60 pipeliners that never read: the server stopped reading %d of them after %.1f MB each on average, "
            "and closed %d") % (stopped, sum(sent) / len(sent) / 1_000_000, closed)


def drip(port):
    socks = []
    for _ in range(1000):
        sock = socket.create_connection((HOST, port), timeout=5)
        sock.sendall(b"Headers" + struct.pack(">i", 8192))
        socks.append(sock)
    deadline = time.time() + 40
    while time.time() < deadline:
        for sock in socks:
            try:
                sock.send(b" ")
            except OSError:
                pass
        time.sleep(2)
    closed = count_closed_and_close(socks, 0)
    return "1,000 drips for 40 s: %d closed by the server" % closed


def address(port):
    socks = []
    for _ in range(2000):
        try:
            socks.append(socket.create_connection((HOST, port), timeout=5))
        except OSError:
            break
    closed = count_closed_and_close(socks, 2)
    return "2,000 connections from one address: %d refused" % closed


PHASES = {"partial": partial, "pipeline": pipeline, "drip": drip, "address": address}


def main():
    port = int(sys.argv[1])
    phases = sys.argv[2:] or list(PHASES)
    canary = Canary(port)
    canary.start()
    time.sleep(1)
    print("before: " + summary(*canary.take()), flush=True)
    for name in phases:
        started = time.time()
        result = PHASES[name](port)
        print("%s (%.0f s): %s; %s" % (name, time.time() - started, result, summary(*canary.take())), flush=True)
    time.sleep(1)
    print("after: " + summary(*canary.take()), flush=True)
    canary.running = False
    canary.join(10)


if __name__ == "__main__":
    main()
