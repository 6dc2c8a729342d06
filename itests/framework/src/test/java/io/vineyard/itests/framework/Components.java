package io.vineyard.itests.framework;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * A DS component's state as SCR reports it. "Active" here means activated (its constructor and
 * activate method ran), which for an immediate component with a service comes after the service is
 * registered: a registered service alone does not yet mean, say, that a socket is bound.
 */
final class Components {
  private final ServiceComponentRuntime scr;
  private final Bundle bundle;
  private final String name;

  Components(ServiceComponentRuntime scr, Bundle bundle, String name) {
    this.scr = scr;
    this.bundle = bundle;
    this.name = name;
  }

  /** Whether a configuration of the component is activated. */
  boolean active() {
    return configurations().stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE);
  }

  /**
   * Whether the component has no configuration at all (for a REQUIRE policy: no Config Admin
   * configuration).
   */
  boolean gone() {
    return configurations().isEmpty();
  }

  /** The component's configurations with their states and failures, for failure messages. */
  String describe() {
    List<String> states =
        configurations().stream()
            .map(
                c ->
                    "state "
                        + c.state
                        + (c.failure == null ? "" : " failure " + c.failure)
                        + (c.unsatisfiedReferences == null || c.unsatisfiedReferences.length == 0
                            ? ""
                            : " unsatisfied "
                                + Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).toList()))
            .toList();
    return name
        + " in "
        + bundle.getSymbolicName()
        + ": "
        + (states.isEmpty() ? "no configuration" : states);
  }

  private Collection<ComponentConfigurationDTO> configurations() {
    ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle, name);
    return description == null ? List.of() : scr.getComponentConfigurationDTOs(description);
  }
}
