/**
 * picocli, compiled from its sources (see this module's pom.xml): the same descriptor as the one in
 * picocli's jar, whose java.sql converters load only when java.sql is present.
 */
module info.picocli {
  requires static java.sql;
  exports picocli;
}
