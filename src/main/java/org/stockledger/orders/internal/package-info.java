/**
 * The SQL of the orders capability (orders and their items) and the reservation invariant check
 * that {@code verify} runs. Used only by {@code org.stockledger.orders}.
 */
package org.stockledger.orders.internal;
