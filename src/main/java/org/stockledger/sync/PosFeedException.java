package org.stockledger.sync;

/** The feed could not be read as a whole (unreachable, timeout, malformed, too large): the sync fails and changes nothing. */
public class PosFeedException extends Exception {

    public PosFeedException(String reason) {
        super(reason);
    }

    public PosFeedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
