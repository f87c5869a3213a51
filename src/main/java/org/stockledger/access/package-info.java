/**
 * Organisations (the tenants), their API tokens and scopes. A token is stored only as a hash
 * and always belongs to one org; {@link org.stockledger.access.AccessService#authenticate}
 * turns a bearer secret into the {@link org.stockledger.access.Caller} every request acts as.
 */
package org.stockledger.access;
