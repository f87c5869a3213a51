/**
 * Webhooks: subscriptions of an org to event types, the transactional outbox that records events
 * in the transaction of the change they report, and the dispatcher that delivers them signed
 * (Standard Webhooks), at least once, in order per ordering key, with retries, a delivery log
 * and replay.
 */
package org.stockledger.webhooks;
