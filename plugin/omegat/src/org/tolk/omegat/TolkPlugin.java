package org.tolk.omegat;

import org.omegat.core.Core;
import org.omegat.filters2.master.PluginUtils;

/**
 * The entry point OmegaT calls: the jar's manifest names this class under "OmegaT-Plugins", and
 * OmegaT 3.6's PluginUtils.loadFromManifest calls its static loadPlugins() before it builds the
 * glossary and machine-translation panes, which instantiate the registered classes.
 *
 * <p>OmegaT 3.6 has Core.registerMachineTranslationClass but no register method for glossaries;
 * the list PluginUtils.getGlossaryClasses() returns is the one GlossaryManager reads, and it is
 * the same list the older manifest form ("OmegaT-Plugin: glossary") fills.
 */
public final class TolkPlugin {
    private TolkPlugin() {
    }

    public static void loadPlugins() {
        Core.registerMachineTranslationClass(TolkMachineTranslation.class);
        if (!PluginUtils.getGlossaryClasses().contains(TolkGlossary.class)) {
            PluginUtils.getGlossaryClasses().add(TolkGlossary.class);
        }
    }

    public static void unloadPlugins() {
        // Nothing to release: connections are opened per request.
    }
}
