package org.stockledger.idempotency;

/**
 * What an {@code Idempotency-Key} is bound to: a repeat of the request matches it, another request
 * does not. {@code hash} is recorded with a new key. {@code bytesHash} is the hash over the body's
 * bytes as sent, which is all that keys recorded before JSON bodies were compared by meaning hold;
 * a byte-identical retry of such a key still matches it (the two are equal for a body that is not
 * JSON, or is already written in the canonical form).
 */
public record RequestFingerprint(String hash, String bytesHash) {

    public boolean matches(String recordedHash) {
        return hash.equals(recordedHash) || bytesHash.equals(recordedHash);
    }
}
