package dev.mtk.dissector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A packet capture (classic pcap, Ethernet) of one TCP conversation, written by hand: a handshake, then each segment
 * as given, with sequence numbers that let Wireshark reassemble frames split across segments.
 */
final class Capture {
    private static final byte[] CLIENT = {127, 0, 0, 1};
    private static final byte[] SERVER = {127, 0, 0, 2};
    private static final int CLIENT_PORT = 50_000;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH_ACK = 0x18;

    private final int serverPort;
    private final ByteArrayOutputStream packets = new ByteArrayOutputStream();
    private long clientSeq = 1_000;
    private long serverSeq = 5_000;
    private int count;

    Capture(int serverPort) {
        this.serverPort = serverPort;
        packet(true, SYN, new byte[0]);
        clientSeq++;
        packet(false, SYN | ACK, new byte[0]);
        serverSeq++;
        packet(true, ACK, new byte[0]);
    }

    /** One segment from the client. */
    Capture client(byte[] payload) {
        packet(true, PSH_ACK, payload);
        clientSeq += payload.length;
        return this;
    }

    /** One segment from the server. */
    Capture server(byte[] payload) {
        packet(false, PSH_ACK, payload);
        serverSeq += payload.length;
        return this;
    }

    Path write(Path file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
        ByteArrayOutputStream file0 = new ByteArrayOutputStream();
        file0.writeBytes(header.array());
        file0.writeBytes(packets.toByteArray());
        return Files.write(file, file0.toByteArray());
    }

    private void packet(boolean fromClient, int flags, byte[] payload) {
        ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
        tcp.putShort((short) (fromClient ? CLIENT_PORT : serverPort)).putShort((short) (fromClient ? serverPort : CLIENT_PORT))
                .putInt((int) (fromClient ? clientSeq : serverSeq)).putInt((int) (flags == SYN ? 0 : fromClient ? serverSeq : clientSeq))
                .put((byte) 0x50).put((byte) flags).putShort((short) 65_535).putShort((short) 0).putShort((short) 0)
                .put(payload);
        ByteBuffer ip = ByteBuffer.allocate(20);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcp.capacity())).putShort((short) count).putShort((short) 0)
                .put((byte) 64).put((byte) 6).putShort((short) 0).put(fromClient ? CLIENT : SERVER).put(fromClient ? SERVER : CLIENT);
        ip.putShort(10, checksum(ip.array()));
        byte[] ethernet = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00};
        int length = ethernet.length + 20 + tcp.capacity();
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(++count).putInt(0).putInt(length).putInt(length);
        packets.writeBytes(record.array());
        packets.writeBytes(ethernet);
        packets.writeBytes(ip.array());
        packets.writeBytes(tcp.array());
    }

    private static short checksum(byte[] header) {
        int sum = 0;
        for (int i = 0; i < header.length; i += 2) {
            sum += ((header[i] & 0xff) << 8) | (header[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
