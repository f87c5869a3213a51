/**
 * The org-level inventory view: one row per product summed over all its bins, adjustments that
 * land in the org's default bin, and a product's change log and daily history. It composes the
 * catalogue and the ledger; it writes stock only through the ledger's one write path.
 */
package org.stockledger.inventory;
