/**
 * The org's catalogue (products) and its places (locations, one of them the default).
 * A product enters the inventory here with no stock; the ledger is the only place stock changes.
 */
package org.stockledger.catalog;
