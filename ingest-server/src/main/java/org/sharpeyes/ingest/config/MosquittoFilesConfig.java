package org.sharpeyes.ingest.config;

import java.nio.file.Path;

/**
 * The files an external Mosquitto reads its logins and topic rules from ({@code
 * broker.mosquittoFiles}), kept current by the server and by {@code ingest-server edges}: written
 * at every start and after every account change (docs/security.md).
 *
 * @param passwordFile Mosquitto's {@code password_file} (absolute; written mode 0600)
 * @param aclFile Mosquitto's {@code acl_file} (absolute)
 */
public record MosquittoFilesConfig(Path passwordFile, Path aclFile) {

  public MosquittoFilesConfig {
    passwordFile = passwordFile.toAbsolutePath().normalize();
    aclFile = aclFile.toAbsolutePath().normalize();
    if (passwordFile.equals(aclFile)) {
      throw new IllegalArgumentException("the password file and the ACL file must differ");
    }
  }
}
