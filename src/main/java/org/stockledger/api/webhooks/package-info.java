/**
 * The webhook subscription API ({@code /api/v2/public/orgs/{orgId}/webhooks}, scope
 * {@code webhooks.manage}): a thin adapter over {@code org.stockledger.webhooks}.
 */
package org.stockledger.api.webhooks;
