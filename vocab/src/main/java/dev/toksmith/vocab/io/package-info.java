/**
 * How toksmith writes files and JSON, for applications that write as it does (its command line and
 * Spark job do): a file written whole or not at all, through a temporary sibling and a rename ({@link
 * dev.toksmith.vocab.io.AtomicFile}, {@link dev.toksmith.vocab.io.OutputPath}), temporary outputs
 * removed if the JVM stops first ({@link dev.toksmith.vocab.io.TemporaryOutputs}), write failures that
 * name their file ({@link dev.toksmith.vocab.io.NamedOutputStream}), and JSON as toksmith writes and
 * explains it ({@link dev.toksmith.vocab.io.JsonText}, {@link dev.toksmith.vocab.io.JsonErrors}).
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("counts.txt"), out -> out.write("the 42\n".getBytes(UTF_8)));
 * }</pre>
 */
package dev.toksmith.vocab.io;
