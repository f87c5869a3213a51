/**
 * The HTTP plumbing every API adapter shares: bearer authentication and scopes, RFC 9457 problem
 * documents (also for the errors the web server answers itself), request ids, body limits,
 * Idempotency-Key replay and JSON number rendering. It holds no business rule.
 */
package org.stockledger.web;
