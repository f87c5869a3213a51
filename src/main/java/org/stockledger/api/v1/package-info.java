/**
 * The location inventory API v1 (seed 002) at {@code /api/v1}: one item per product, location and
 * room, the org taken from the token. Thin controllers over the stock and sync capabilities.
 */
package org.stockledger.api.v1;
