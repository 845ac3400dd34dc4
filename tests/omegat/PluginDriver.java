import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;

import org.omegat.core.glossaries.IGlossary;
import org.omegat.filters2.master.PluginUtils;
import org.omegat.gui.exttrans.IMachineTranslation;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.tokenizer.DefaultTokenizer;
import org.omegat.tokenizer.ITokenizer;
import org.omegat.tokenizer.LuceneDutchTokenizer;
import org.omegat.util.Token;
import org.omegat.util.Language;

/**
 * Loads tolk's OmegaT plugin the way OmegaT 3.6 does (PluginUtils.loadPlugins reads the jars in
 * the configuration folder's plugins/ and calls the classes their manifest names), instantiates
 * the glossary and machine-translation classes it registered as OmegaT's panes do, and prints
 * what they return for a segment, one line each, for the test to check:
 *
 *   registered   machine-translation|glossary   CLASS
 *   glossary     SOURCE   TARGET|TARGET...   COMMENT|COMMENT...
 *   pane         SOURCE   (the entry passes the glossary pane's own filter: OmegaT 3.6's
 *                          FindGlossaryThread keeps an entry when the Dutch tokenizer, stemming
 *                          as for glossaries, finds all of its words in the segment)
 *   mt           NAME   TRANSLATION (or "-" for none)   CACHED
 *
 * Arguments: source language, target language, glossary segment, MT segment.
 */
public class PluginDriver {
    public static void main(String[] args) throws Exception {
        // UTF-8 whatever the locale, so that the test reads the terms as tolk sent them.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8"));
        Language source = new Language(args[0]);
        Language target = new Language(args[1]);
        PluginUtils.loadPlugins(Collections.<String, String>emptyMap());

        IMachineTranslation translator = null;
        for (Class<?> c : PluginUtils.getMachineTranslationClasses()) {
            if (c.getName().startsWith("org.tolk.")) {
                System.out.println("registered\tmachine-translation\t" + c.getName());
                translator = (IMachineTranslation) c.getDeclaredConstructor().newInstance();
            }
        }
        IGlossary glossary = null;
        for (Class<?> c : PluginUtils.getGlossaryClasses()) {
            if (c.getName().startsWith("org.tolk.")) {
                System.out.println("registered\tglossary\t" + c.getName());
                glossary = (IGlossary) c.getDeclaredConstructor().newInstance();
            }
        }
        if (translator == null || glossary == null) {
            System.err.println("the plugin did not register both providers");
            System.exit(3);
        }

        List<GlossaryEntry> entries = glossary.search(source, target, args[2]);
        ITokenizer tokenizer = new LuceneDutchTokenizer();
        Token[] segmentTokens = tokenizer.tokenizeWords(args[2].toLowerCase(source.getLocale()),
                ITokenizer.StemmingMode.GLOSSARY);
        for (GlossaryEntry entry : entries) {
            System.out.println("glossary\t" + entry.getSrcText() + "\t"
                    + String.join("|", entry.getLocTerms(false)) + "\t"
                    + String.join("|", entry.getComments()));
            Token[] entryTokens = tokenizer.tokenizeWords(entry.getSrcText().toLowerCase(source.getLocale()),
                    ITokenizer.StemmingMode.GLOSSARY);
            if (entryTokens.length > 0 && DefaultTokenizer.isContainsAll(segmentTokens, entryTokens, true)) {
                System.out.println("pane\t" + entry.getSrcText());
            }
        }
        String translation = translator.getTranslation(source, target, args[3]);
        String cached = translator.getCachedTranslation(source, target, args[3]);
        System.out.println("mt\t" + translator.getName() + "\t" + (translation == null ? "-" : translation)
                + "\t" + (cached == null ? "-" : cached));
        // OmegaT's static state (log handlers) must not keep the JVM alive.
        System.exit(0);
    }
}
