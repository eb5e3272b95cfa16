package org.sharpeyes.edge.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Just enough of an MQTT 3.1.1 broker on a loopback port to watch how a client connects: it answers
 * CONNECT, QoS 1 PUBLISH and PINGREQ, counts connections (how many at once, at most) and can cut
 * every connection, as a broker restart or a network fault would. When told to, it hangs up on a
 * CONNECT without answering, as an overloaded broker does.
 */
public final class FakeMqttBroker implements AutoCloseable {

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final AtomicInteger refuseNext = new AtomicInteger();

  private FakeMqttBroker(ServerSocket server) {
    this.server = server;
  }

  public static FakeMqttBroker start() throws IOException {
    FakeMqttBroker broker =
        new FakeMqttBroker(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    broker.threads.execute(broker::acceptLoop);
    return broker;
  }

  public String url() {
    return "tcp://127.0.0.1:" + server.getLocalPort();
  }

  /** CONNECT packets received so far. */
  public int connects() {
    return connects.get();
  }

  /** The most connections that were open at the same time. */
  public int maxOpenAtOnce() {
    return maxOpen.get();
  }

  /** Connections open now. */
  public int openNow() {
    return open.size();
  }

  /** Hangs up on the next {@code n} CONNECTs without a CONNACK. */
  public void refuseNextConnects(int n) {
    refuseNext.set(n);
  }

  /** Closes every open connection from the broker's side. */
  public void cutAll() {
    for (Socket s : open) {
      hangUp(s);
    }
  }

  /**
   * Ends a connection from the broker's side: no longer counted as open from this moment, before
   * the client can even see it closed. (Counting it until the serving thread noticed let a quick
   * reconnect overlap it on a busy machine: two "open at once" that were never open together.)
   */
  private void hangUp(Socket s) {
    open.remove(s);
    closeQuietly(s);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        maxOpen.accumulateAndGet(open.size(), Math::max);
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream()) {
      while (true) {
        int header = in.read();
        if (header < 0) {
          return;
        }
        byte[] body = new byte[remainingLength(in)];
        in.readFully(body);
        switch (header >> 4) {
          case 1 -> {
            connects.incrementAndGet();
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              hangUp(s);
              return;
            }
            out.write(new byte[] {0x20, 0x02, 0x00, 0x00}); // CONNACK, accepted
          }
          case 3 -> {
            if (((header >> 1) & 0x03) == 1) {
              int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
              out.write(new byte[] {0x40, 0x02, body[2 + topicLength], body[3 + topicLength]});
            }
          }
          case 12 -> out.write(new byte[] {(byte) 0xD0, 0x00}); // PINGRESP
          case 14 -> {
            return; // DISCONNECT
          }
          default -> {}
        }
        out.flush();
      }
    } catch (IOException e) {
      // cut, or the client went away
    } finally {
      open.remove(s);
    }
  }

  private static int remainingLength(DataInputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; shift <= 21; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed remaining length");
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cutAll();
    threads.shutdownNow();
  }
}
