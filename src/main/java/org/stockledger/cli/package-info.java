/**
 * The operator's command line, in the same jar as the service: orgs, tokens and {@code verify}.
 * It is an adapter like the HTTP dialects: it parses arguments and calls capability roots.
 */
package org.stockledger.cli;
