package cn.weineng.xapi.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Attachment content of a store, in-process: written as it streams in, hashed on the way (SHA-256,
 * the {@code sha2} a statement's attachment names), kept once per distinct content, read back chunk
 * by chunk. Every method joins the caller's transaction, so content written for a statement that is
 * then refused is rolled back with it.
 */
public interface AttachmentService {

  /**
   * Reads {@code in} to its end and keeps it.
   *
   * @param maxBytes the most the content may hold
   * @throws AttachmentTooLargeException after reading more than {@code maxBytes} (nothing is kept)
   */
  StoredAttachment put(String storeId, InputStream in, String contentType, long maxBytes)
      throws IOException;

  /** What the store holds under a SHA-256 (lower-case hex). */
  Optional<StoredAttachment> find(String storeId, String sha2);

  /** Writes the content to {@code out}, one chunk at a time. */
  void copyTo(String storeId, String sha2, OutputStream out) throws IOException;

  /** Content kept by the store. */
  record StoredAttachment(String sha2, long length, String contentType) {}

  /** The content was longer than allowed. */
  final class AttachmentTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public AttachmentTooLargeException(long limit) {
      super("content longer than " + limit + " bytes");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }
}
