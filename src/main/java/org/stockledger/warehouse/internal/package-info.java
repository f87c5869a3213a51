/**
 * Helpers of the warehouse capability: the product-row lock that serializes unit-cost updates
 * of concurrent receipts.
 */
package org.stockledger.warehouse.internal;
