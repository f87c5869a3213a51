/**
 * Orders of the orders API (seed 004): upsert by external id and shop, field updates and an
 * explicit status workflow. Open orders hold stock reservations through the ledger's one write
 * path; fulfilment consumes them and cancellation releases them, in the order's transaction.
 */
package org.stockledger.orders;
