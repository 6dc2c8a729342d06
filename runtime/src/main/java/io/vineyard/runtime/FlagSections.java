package io.vineyard.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How {@code vineyardd}'s flags are grouped in {@code --help} and spelled on the command line.
 *
 * <p>A flag declares its section with {@link In} on its field; {@code --help} lists the flags by
 * section, in declaration order within each (a flag without one is listed under "Other" until it
 * gets one). Every flag is also accepted as vineyardd spells its flags, with underscores: {@code
 * --a_b} is {@code --a-b}, for each flag, present and future ({@link #dashed}).
 */
final class FlagSections {
  private FlagSections() {}

  /** The sections of {@code --help}, in the order they are shown. */
  enum Section {
    STORAGE("Socket and storage"),
    CLUSTER("Cluster"),
    PLUGINS("Plugins and bundles"),
    DIAGNOSTICS("Diagnostics");

    final String heading;

    Section(String heading) {
      this.heading = heading;
    }
  }

  /** The section of {@code --help} a flag is listed in. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  @interface In {
    Section value();
  }

  /** A flag's section, or null when it declares none (help and version are diagnostics). */
  static Section of(OptionSpec option) {
    if (option.usageHelp() || option.versionHelp()) {
      return Section.DIAGNOSTICS;
    }
    if (option.userObject() instanceof Field f && f.getAnnotation(In.class) != null) {
      return f.getAnnotation(In.class).value();
    }
    return null;
  }

  /** Lists the options of {@code cl}'s {@code --help} by section. */
  static void install(CommandLine cl) {
    cl.getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, h -> "");
    cl.getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, FlagSections::render);
  }

  private static String render(CommandLine.Help help) {
    Map<String, List<OptionSpec>> bySection = new LinkedHashMap<>();
    Arrays.stream(Section.values()).forEach(s -> bySection.put(s.heading, new ArrayList<>()));
    bySection.put("Other", new ArrayList<>());
    for (OptionSpec o : help.commandSpec().options()) {
      if (!o.hidden()) {
        Section s = of(o);
        bySection.get(s == null ? "Other" : s.heading).add(o);
      }
    }
    StringBuilder out = new StringBuilder();
    bySection.forEach(
        (heading, options) -> {
          if (!options.isEmpty()) {
            out.append(String.format("%n%s:%n", heading));
            out.append(
                // a layout per section (it collects the rows), each as wide as the whole list's
                help.optionListExcludingGroups(
                    options,
                    help.createDefaultLayout(),
                    null,
                    help.createDefaultParamLabelRenderer()));
          }
        });
    return out.toString();
  }

  /**
   * The command line with vineyardd's underscore spellings of this command's flags made dashed:
   * {@code --reserve_memory 1G} and {@code --reserve_memory=1G} read as {@code --reserve-memory}.
   * Only the names of known flags change; values, positional arguments and anything after {@code
   * --} stay as written.
   */
  static String[] dashed(String[] args, CommandSpec spec) {
    Set<String> names =
        spec.options().stream().flatMap(o -> Arrays.stream(o.names())).collect(Collectors.toSet());
    String[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      String a = out[i];
      if (a.equals("--")) {
        break;
      }
      if (!a.startsWith("--") || !a.contains("_")) {
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      String fixed = "--" + name.substring(2).replace('_', '-');
      if (!names.contains(name) && names.contains(fixed)) {
        out[i] = eq < 0 ? fixed : fixed + a.substring(eq);
      }
    }
    return out;
  }
}
