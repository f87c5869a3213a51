/**
 * The read model of location inventory items: one query joining stock levels with their products
 * and the org's default reorder point, with filters and pagination. It reads only; stock is
 * written by the ledger alone.
 */
package org.stockledger.stock.internal;
