package io.vineyard.server.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.api.spi.PluginTable;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Checks a tree being created with the object-type plugin of its typename, before it is stored.
 *
 * <p>A typename no plugin knows is not checked: generic objects are allowed. Only the tree being
 * created is checked, not its members (they were checked when they were created). A plugin's {@link
 * VineyardException} (normally {@link VineyardException.Invalid} naming the field) goes back to the
 * client as it is; anything else a plugin throws is a bug of that plugin: it is logged with its
 * stack and answered with code 1 (Invalid) naming the plugin and the typename, and the server keeps
 * serving.
 */
final class PluginValidator {
  private static final System.Logger LOG = System.getLogger(PluginValidator.class.getName());

  private final PluginRegistry plugins;

  PluginValidator(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /**
   * Validates a complete tree (members expanded, {@code id} and the other fields filled in).
   *
   * @throws VineyardException what the plugin threw, or {@link VineyardException.Invalid} when it
   *     failed otherwise
   */
  void validate(ObjectMeta tree) {
    String typename = tree.typename();
    Optional<ObjectTypePlugin> plugin = plugins.forTypename(typename);
    if (plugin.isEmpty()) {
      return;
    }
    try {
      plugin.get().validate(tree);
    } catch (VineyardException e) {
      throw e;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // LinkageError: a plugin bundle uninstalled or refreshed while it was validating
      String family = PluginTable.family(typename);
      LOG.log(
          Level.WARNING,
          "object-type plugin "
              + family
              + " ("
              + plugin.get().getClass().getName()
              + ") failed validating "
              + tree.string("id").orElse("a new tree")
              + " of type "
              + typename,
          e);
      throw new VineyardException.Invalid(
          "plugin " + family + " failed validating " + typename + ": " + e, e);
    }
  }
}
