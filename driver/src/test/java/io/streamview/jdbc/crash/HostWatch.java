package io.streamview.jdbc.crash;

import java.net.SocketPermission;
import java.security.Permission;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records every host name the process resolves or connects to, through the JVM's security-manager hook (every
 * name lookup and socket connect asks {@code checkConnect}, i.e. a {@link SocketPermission}, first). Everything is
 * permitted; only the names are kept. Java 17 still allows installing a security manager at run time.
 */
@SuppressWarnings("removal")
final class HostWatch extends SecurityManager {

  private final Set<String> hosts = new TreeSet<>();

  private HostWatch() {
  }

  static HostWatch install() {
    HostWatch watch = new HostWatch();
    System.setSecurityManager(watch);
    return watch;
  }

  @Override public void checkPermission(Permission perm) {
    if (perm instanceof SocketPermission socket) {
      String host = socket.getName();
      int colon = host.lastIndexOf(':');
      if (colon > 0 && !host.endsWith("]")) {
        host = host.substring(0, colon);
      }
      synchronized (hosts) {
        hosts.add(host);
      }
    }
  }

  @Override public void checkPermission(Permission perm, Object context) {
    checkPermission(perm);
  }

  /** The names seen, without the loopback's. */
  Set<String> remoteHosts() {
    synchronized (hosts) {
      Set<String> out = new TreeSet<>(hosts);
      out.removeIf(h -> h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1")
          || h.equals("*") || h.isEmpty());
      return out;
    }
  }
}
