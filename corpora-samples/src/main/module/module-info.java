/** The small licensed text samples toksmith's tests, benchmarks and examples share. */
module dev.toksmith.samples {
  exports dev.toksmith.samples;
}
