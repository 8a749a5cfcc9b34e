/** File reading and writing shared by the formats (internal). */
package dev.toksmith.vocab.io;
