package org.sharpeyes.sims.viid;

/**
 * A face picture a simulated camera sends, read from a file.
 *
 * @param name the file name, for the log
 * @param jpeg the file's bytes
 */
public record Portrait(String name, byte[] jpeg, int width, int height) {}
