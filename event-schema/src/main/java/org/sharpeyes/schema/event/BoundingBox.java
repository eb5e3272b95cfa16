package org.sharpeyes.schema.event;

/** A box in frame pixels, origin top-left. */
public record BoundingBox(int x, int y, int width, int height) {}
