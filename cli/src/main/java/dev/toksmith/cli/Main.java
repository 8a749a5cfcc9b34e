package dev.toksmith.cli;

import dev.toksmith.PendingTokenizer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The {@code toksmith} command: train, encode, decode and inspect tokenizers in shell pipelines. Its
 * model and its subcommands' are built by their {@code spec} methods, without annotations (see {@link
 * FieldOptions}); only picocli's own {@code help} is read from its annotations.
 */
public final class Main implements Runnable {
  /** Exit status for input that cannot be processed (missing file, corrupt JSON, unknown id, ...). */
  static final int BAD_INPUT = 1;

  /** picocli's {@code help} command, the one subcommand declared by annotations (picocli's own). */
  private static final String HELP = "help";

  /** The names of the subcommands, in the order help lists them; {@link #command} makes each. */
  private static final List<String> COMMANDS = List.of(TrainCommand.NAME, EncodeCommand.NAME, DecodeCommand.NAME, InspectCommand.NAME, ConvertCommand.NAME,
      CompareCommand.NAME, GlyphsCommand.NAME, LmCommand.NAME, MergeCommand.NAME, SamplesCommand.NAME, CompletionCommand.NAME, HELP);

  final Streams streams;
  /** Where train counts words; null: here, on threads. */
  final WordCountingBackend backend;

  /** The tokenizer an encode or decode command line started loading before it was parsed ({@link TokenizerAhead}), or null. */
  PendingTokenizer tokenizerAhead;

  /** The options a front end (see {@link #run}) mixed into {@code train}: its own, which apply to every type it runs. */
  Set<String> frontEndOptions = Set.of();

  boolean verbose;

  CommandSpec spec;

  Main(Streams streams) {
    this(streams, null);
  }

  private Main(Streams streams, WordCountingBackend backend) {
    this.streams = streams;
    this.backend = backend;
  }

  /** The model of the {@code toksmith} command run by {@code main}, without subcommands. */
  private static CommandSpec spec(Main main) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(main).name("toksmith");
    main.spec = spec;
    spec.usageMessage()
        .description("Train, run, compare and inspect tokenizers: Hugging Face tokenizer.json, tiktoken, SentencePiece and more.")
        .footer("", "'toksmith COMMAND --help' describes a command. Exit status: 0 on success, 1 on bad input, 2 on a usage error.",
            "", "Environment: commands that load a BPE tokenizer.json of 1 MB or more keep its tables in a cache (at most four"
                + " entries): TOKSMITH_CACHE_DIR, else $XDG_CACHE_HOME/toksmith, else ~/.cache/toksmith; TOKSMITH_CACHE=off"
                + " turns it off. JAVA_OPTS adds JVM flags (the ./toksmith launcher).");
    spec.addOption(FieldOptions.option(main, "verbose", "--verbose").scopeType(CommandLine.ScopeType.INHERIT)
        .description("Print stack traces of errors.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public void run() {
    List<String> names = spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    String last = names.get(names.size() - 1);
    String choices = names.size() == 1 ? last : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: " + choices);
  }

  /** The standard streams a command reads and writes; tests substitute their own. */
  public record Streams(InputStream in, Output out, Output err, boolean stderrIsTerminal) {
    /** Streams over plain output streams (a test's buffers), named as the real ones. */
    public Streams(InputStream in, OutputStream out, OutputStream err, boolean stderrIsTerminal) {
      this(in, new Output(out, STDOUT, false), new Output(err, STDERR, true), stderrIsTerminal);
    }
  }

  static final String STDOUT = "standard output";
  static final String STDERR = "standard error";

  /** The types picocli need not convert: see {@link #main}. */
  static final String UNCONVERTED_TYPES = "java\\.sql\\..*,java\\.time\\..*";

  public static void main(String[] args) {
    // picocli gives every command line it builds converters for the java.sql and java.time types,
    // loading and initialising those classes by reflection (about 5 ms of a cold start), for types
    // no option here takes (OptionTypesTest checks). A value set with -D wins.
    if (System.getProperty("picocli.converters.excludes") == null) System.setProperty("picocli.converters.excludes", UNCONVERTED_TYPES);
    System.exit(run(standardStreams(), args));
  }

  /** The process's standard streams. */
  public static Streams standardStreams() {
    return new Streams(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err), Terminal.isStderrTerminal());
  }

  /**
   * Runs the command line on {@code streams} and returns the exit status. Output is flushed before it
   * returns; a write to standard output or error that failed anywhere (even where the failure could not
   * be thrown, as in picocli's help) makes the status 1, with one line saying what failed.
   */
  public static int run(Streams streams, String... args) {
    return new Main(streams).runCommandLine(args);
  }

  /** {@link #run(Streams, String...)} on this command. */
  int runCommandLine(String... args) {
    tokenizerAhead = TokenizerAhead.start(args);
    try {
      return execute(commandLine(this, args), this, args);
    } finally {
      // A load the command did not take (a usage error, help) ends before the process does.
      if (tokenizerAhead != null) tokenizerAhead.cancel();
    }
  }

  /**
   * Runs a command line built on this one, for a front end that counts {@code train}'s words
   * elsewhere (the Spark job): named {@code name}, with {@code train} counting through {@code backend}
   * and no other command but those {@code configure} adds (it may also mix options into {@code
   * train}). Standard streams, help layout, error lines, failed-write detection and exit statuses are
   * this command line's; returns the exit status.
   */
  public static int run(Streams streams, String name, WordCountingBackend backend, Consumer<CommandLine> configure, String... args) {
    Main main = new Main(streams, backend);
    CommandLine cli = new CommandLine(spec(main));
    cli.getCommandSpec().name(name);
    cli.addSubcommand(TrainCommand.spec(main));
    Set<String> own = optionNames(cli.getSubcommands().get("train"));
    configure.accept(cli);
    Set<String> all = optionNames(cli.getSubcommands().get("train"));
    all.removeAll(own);
    main.frontEndOptions = Set.copyOf(all);
    cli.addSubcommand(CommandLine.HelpCommand.class);
    HelpFormat.install(cli);
    giveVersion(cli, new Version());
    return execute(cli, main, args);
  }

  private static Set<String> optionNames(CommandLine command) {
    Set<String> names = new HashSet<>();
    for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) names.add(option.longestName());
    return names;
  }

  private static int execute(CommandLine cli, Main main, String... args) {
    Streams streams = main.streams;
    String name = cli.getCommandName();
    cli.setOut(new PrintWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(streams.err(), StandardCharsets.UTF_8), true));
    ErrorLines errors = new ErrorLines(main, name);
    cli.setExecutionExceptionHandler(errors);
    cli.setParameterExceptionHandler(errors);
    int code;
    try {
      code = cli.execute(args);
    } catch (Error e) {
      // Errors (out of memory, a broken installation) bypass picocli's exception handler.
      code = errors.failed(e);
    }
    flushQuietly(streams.out());
    IOException failed = streams.out().failure();
    if (failed != null && !errors.reported) {
      streams.err().printQuietly(name + ": " + Errors.describe(failed) + "\n");
      code = BAD_INPUT;
    }
    flushQuietly(streams.err());
    if (streams.err().failure() != null && code == 0) code = BAD_INPUT;
    return code;
  }

  /**
   * Reports errors in one line each: a usage error with where its usage is (exit status 2), any
   * other with {@link #BAD_INPUT}. One object for both handlers, which shares whether an error was
   * reported.
   */
  private static final class ErrorLines implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final Main main;
    private final String name;
    /** Whether an error was reported (a failed write to standard output then needs no line of its own). */
    boolean reported;

    ErrorLines(Main main, String name) {
      this.main = main;
      this.name = name;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      return failed(e);
    }

    /** Reports {@code e}, which is no usage error; returns the exit status. */
    int failed(Throwable e) {
      report(main.streams, name, e, main.verbose);
      reported = true;
      return BAD_INPUT;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      PrintWriter err = e.getCommandLine().getErr();
      // One line, as every error: the message, then where the usage is.
      err.println(name + ": " + Errors.bounded(e.getMessage()) + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return CommandLine.ExitCode.USAGE;
    }
  }

  /** The one line of an error on standard error, after what standard output holds so far. */
  private static void report(Streams streams, String name, Throwable e, boolean verbose) {
    flushQuietly(streams.out());
    streams.err().printQuietly(name + ": " + Errors.describe(e) + "\n");
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      streams.err().printQuietly(trace.toString());
    }
  }

  private static void flushQuietly(Output output) {
    try {
      output.flush();
    } catch (IOException e) {
      // Remembered by the stream; run() reports it.
    }
  }

  /**
   * The command line of {@code main} with the subcommands {@code args} need (all of them when it names
   * none), each with toksmith's help layout and version.
   */
  static CommandLine commandLine(Main main, String... args) {
    CommandLine cli = new CommandLine(spec(main));
    addCommands(cli, main, args);
    HelpFormat.install(cli);
    giveVersion(cli, new Version());
    return cli;
  }

  /** picocli gives {@code -V} to every command but the version only to the one that names a provider. */
  private static void giveVersion(CommandLine cli, Version version) {
    cli.getCommandSpec().versionProvider(version);
    for (CommandLine sub : cli.getSubcommands().values()) giveVersion(sub, version);
  }

  /**
   * Adds the subcommands: only the one named first on the command line when there is one (other than
   * help), because picocli inspects every option of every command it is given, which takes about as
   * long as starting the JVM; all of them otherwise, for help and usage errors.
   */
  private static void addCommands(CommandLine cli, Main main, String[] args) {
    String first = args.length > 0 && !args[0].equals(HELP) && COMMANDS.contains(args[0]) ? args[0] : null;
    for (String name : COMMANDS) {
      if (first == null || name.equals(first)) cli.addSubcommand(name, command(name, main));
    }
  }

  /**
   * Command {@code name} of {@link #COMMANDS} run under {@code main}: the model its {@code spec}
   * method builds (see {@link FieldOptions}); for {@code help}, picocli's annotated class.
   */
  private static Object command(String name, Main main) {
    return switch (name) {
      case TrainCommand.NAME -> TrainCommand.spec(main);
      case EncodeCommand.NAME -> EncodeCommand.spec(main);
      case DecodeCommand.NAME -> DecodeCommand.spec(main);
      case InspectCommand.NAME -> InspectCommand.spec(main);
      case ConvertCommand.NAME -> ConvertCommand.spec(main);
      case CompareCommand.NAME -> CompareCommand.spec(main);
      case GlyphsCommand.NAME -> GlyphsCommand.spec(main);
      case LmCommand.NAME -> LmCommand.spec(main);
      case MergeCommand.NAME -> MergeCommand.spec(main);
      case SamplesCommand.NAME -> SamplesCommand.spec(main);
      case CompletionCommand.NAME -> CompletionCommand.spec(main);
      case HELP -> CommandLine.HelpCommand.class;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      java.util.Properties p = new java.util.Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        p.load(in);
      }
      return new String[] {"toksmith " + p.getProperty("version")};
    }
  }
}
