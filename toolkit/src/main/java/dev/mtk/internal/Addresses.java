package dev.mtk.internal;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Socket addresses as people write them: {@code 127.0.0.1:7373}, {@code [::1]:7373}. */
public final class Addresses {
    private Addresses() {
    }

    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            if (inet.getAddress() == null) {
                return inet.getHostString() + ":" + inet.getPort();
            }
            String host = inet.getAddress().getHostAddress();
            return (inet.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
