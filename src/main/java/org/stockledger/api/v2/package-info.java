/**
 * The org inventory API v2 ({@code /api/v2/public/orgs/{orgId}/inventory} and
 * {@code /products/add-to-inventory}), as the org inventory seed pages describe it.
 */
package org.stockledger.api.v2;
