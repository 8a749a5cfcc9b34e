/** toksmith's token n-gram language model file (internal). */
package dev.toksmith.vocab.lm;
