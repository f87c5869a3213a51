/**
 * Location inventory: one item per (product, location, room), i.e. one stock level, with its
 * catalogue fields and low-stock state. Adjustments with reason codes, all-or-nothing bulk
 * updates, transfers between bins, end-of-day snapshots and reorder settings, all over the ledger.
 */
package org.stockledger.stock;
