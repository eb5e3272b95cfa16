package org.sharpeyes.schema.event;

/**
 * A face template. Templates of different models are never compared.
 *
 * @param modelId which model produced it
 * @param vectorBase64 little-endian float32 values, base64-encoded
 */
public record FaceEmbedding(String modelId, String vectorBase64) {}
