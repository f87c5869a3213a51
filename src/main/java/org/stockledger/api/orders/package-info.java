/**
 * The orders API of seed 004 under {@code /api/v2/public/orgs/{orgId}/orders}: a thin adapter
 * that parses the seed's request shapes, calls the orders capability once per operation and
 * renders the seed's response shapes.
 */
package org.stockledger.api.orders;
