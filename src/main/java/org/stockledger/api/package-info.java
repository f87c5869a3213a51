/**
 * The HTTP API dialects, one package each. An adapter parses its dialect's requests, calls one
 * capability method, and renders the result as its seed document shows; no business rule lives
 * here, and no adapter imports another.
 */
package org.stockledger.api;
