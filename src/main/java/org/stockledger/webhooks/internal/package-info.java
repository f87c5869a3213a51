/**
 * The webhook capability's helpers: repositories for subscriptions and the outbox, the
 * transaction-bound event recorder, the signer, the URL (SSRF) guard, the retry schedule and the
 * HTTP sender. Only {@code org.stockledger.webhooks} uses them.
 */
package org.stockledger.webhooks.internal;
