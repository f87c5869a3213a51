package org.stockledger.cli;

/** A command that cannot run for a reason the operator can fix: reported in one line, exit 1. */
final class CommandRefused extends RuntimeException {

    CommandRefused(String message) {
        super(message);
    }
}
