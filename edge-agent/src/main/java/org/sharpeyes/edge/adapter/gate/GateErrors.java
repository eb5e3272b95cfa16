package org.sharpeyes.edge.adapter.gate;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;

/** Turns what Milo throws into words an installer can act on. */
final class GateErrors {

  private GateErrors() {}

  /** The OPC UA status behind an exception (searching its causes), or 0 when there is none. */
  static long status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UaExceptionStatus s) {
        return s.getStatusCode().getValue();
      }
    }
    return 0;
  }

  /** The name of an OPC UA status, e.g. {@code Bad_Timeout}. */
  static String name(long status) {
    return StatusCodes.lookup(status).map(d -> d[0]).orElse(String.format("0x%08X", status));
  }

  /** Why a connection attempt to {@code where} failed, classified as refused or unreachable. */
  static GateLinkException describe(String where, Throwable failure) {
    return describe(where, failure, null);
  }

  /**
   * Like {@link #describe(String, Throwable)}, naming our certificate in {@code pkiDir} when the
   * controller refused it.
   */
  static GateLinkException describe(String where, Throwable failure, Path pkiDir) {
    Throwable e = unwrap(failure);
    if (e instanceof GateLinkException g) {
      return g;
    }
    long status = status(e);
    long code = status & 0xFFFF0000L;
    if (code == StatusCodes.Bad_UserAccessDenied
        || code == StatusCodes.Bad_IdentityTokenInvalid
        || code == StatusCodes.Bad_IdentityTokenRejected) {
      return GateLinkException.refused(
          "the controller refused the login ("
              + name(status)
              + "): check the user name and password in usernameEnv/passwordEnv, or whether the"
              + " controller admits anonymous clients");
    }
    if (code == StatusCodes.Bad_SecurityChecksFailed
        || code == StatusCodes.Bad_CertificateUntrusted
        || code == StatusCodes.Bad_SecurityPolicyRejected) {
      return GateLinkException.refused(
          "the controller refused the secure channel ("
              + name(status)
              + "): it may not trust our certificate — put "
              + (pkiDir == null ? "<pkiDir>" : pkiDir.toString())
              + "/own/"
              + GateCertificates.CERTIFICATE_FILE
              + " in the controller's trusted certificates");
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ConnectException) {
      return GateLinkException.unreachable(
          "connection refused by " + where + ": is the controller on and the port right?", e);
    }
    if (root instanceof UnknownHostException) {
      return GateLinkException.unreachable("unknown host in " + where + ": check endpoint", e);
    }
    if (root instanceof NoRouteToHostException) {
      return GateLinkException.unreachable("no route to " + where + ": check the network", e);
    }
    if (code == StatusCodes.Bad_Timeout || root instanceof TimeoutException) {
      return GateLinkException.unreachable(
          "no answer from " + where + " in time (requestTimeout): check the network path", e);
    }
    if (root instanceof ClosedChannelException) {
      return GateLinkException.unreachable("the controller closed the connection", e);
    }
    String detail = status != 0 ? name(status) : String.valueOf(root.getMessage());
    return GateLinkException.unreachable("cannot talk to " + where + ": " + detail, e);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
