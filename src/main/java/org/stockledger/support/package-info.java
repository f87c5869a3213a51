/**
 * Small shared vocabulary every capability and adapter may use: the domain error type, ids,
 * quantity rules and the clock. It depends on nothing else in Stockledger.
 */
package org.stockledger.support;
