/**
 * The warehouse view of stock (seed 003): one record per (product, location) summing the
 * location's rooms, movements with balances, physical counts, moving weighted-average unit cost
 * and rollup-based analytics. Every stock change goes through the ledger's one write path.
 */
package org.stockledger.warehouse;
