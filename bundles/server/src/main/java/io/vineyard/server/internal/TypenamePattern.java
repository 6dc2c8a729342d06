package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Typename matching for list requests: a glob ({@code *}, {@code ?}, {@code [..]}) or a regular
 * expression.
 */
final class TypenamePattern {
  private TypenamePattern() {}

  static Predicate<String> compile(String pattern, boolean regex) {
    try {
      Pattern p = Pattern.compile(regex ? pattern : globToRegex(pattern));
      return s -> p.matcher(s).matches();
    } catch (PatternSyntaxException e) {
      throw new VineyardException.Invalid(
          "field 'pattern': invalid "
              + (regex ? "regular expression" : "glob")
              + " '"
              + pattern
              + "': "
              + e.getDescription());
    }
  }

  static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            sb.append("\\[");
          } else {
            String body = glob.substring(i + 1, end);
            sb.append('[')
                .append(body.startsWith("!") ? "^" + body.substring(1) : body)
                .append(']');
            i = end;
          }
        }
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
