package dev.toksmith.core.pretokenizers;

/**
 * A scanned split pattern that matches at every position, so that its matches cover the text: its
 * matches are the pieces, with no gaps between them.
 */
abstract class CoveringPattern extends ScanningPattern {}
