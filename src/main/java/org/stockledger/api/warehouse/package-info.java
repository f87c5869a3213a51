/**
 * The warehouse inventory dialect (seed 003) at {@code /api/inventory}: thin adapters that parse
 * the seed's requests, call the warehouse capability and render the seed's responses. The org
 * comes from the token.
 */
package org.stockledger.api.warehouse;
