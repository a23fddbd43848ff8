#!/usr/bin/env python3
"""Opens N idle TCP connections to 127.0.0.1:PORT and holds them until its standard input closes (bench/curves.sh).

    python3 bench/hold.py PORT N

Prints "holding N" once every connection is open, then sends nothing: what a server spends on a connection that
only exists. Loopback only. Exits 1 with one line when a connection cannot be opened.
"""
import socket
import sys


def main():
    if len(sys.argv) != 3:
        print("usage: hold.py PORT N", file=sys.stderr)
        return 2
    port, count = int(sys.argv[1]), int(sys.argv[2])
    held = []
    try:
        for _ in range(count):
            held.append(socket.create_connection(("127.0.0.1", port)))
    except OSError as e:
        print(f"hold.py: connection {len(held) + 1} of {count} to 127.0.0.1:{port} failed: {e}", file=sys.stderr)
        return 1
    print(f"holding {len(held)}", flush=True)
    sys.stdin.read()
    for s in held:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
