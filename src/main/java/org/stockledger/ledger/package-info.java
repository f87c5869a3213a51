/**
 * The stock ledger: stock levels per (product, bin), the append-only movements that explain
 * them, and daily rollups of their deltas. {@link org.stockledger.ledger.LedgerService} is the
 * one write path every stock change in Stockledger goes through.
 */
package org.stockledger.ledger;
