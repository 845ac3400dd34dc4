package org.tolk.omegat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.omegat.core.glossaries.IGlossary;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.util.Language;

/**
 * tolk's termbase in OmegaT's glossary pane. For each segment, tolk serve recognises the terms
 * (inflected forms too: POST /api/v1/recognize) and the plugin fetches their concepts
 * (GET /api/v1/concepts/{id}) for the target-language terms.
 *
 * <p>What OmegaT 3.6 allows: an IGlossary returns plain entries (source text, target terms,
 * a comment per term, a priority flag); the pane then keeps only entries whose source words it
 * finds in the segment with its own tokenizer. So the entry's source is the text as it stands in
 * the segment (not the termbase's base form), and a term tolk finds inside a Dutch compound is
 * dropped by the pane unless OmegaT's tokenizer also sees it. Deprecated target terms are not
 * offered as translations; they are named in the comment of the preferred one.
 */
public class TolkGlossary implements IGlossary {
    private final TolkClient client;
    // Concepts do not change while a project is open often enough to fetch one per segment.
    private final Map<String, Map<String, Object>> concepts = Collections
            .synchronizedMap(new LinkedHashMap<String, Map<String, Object>>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
                    return size() > 2000;
                }
            });

    public TolkGlossary() {
        this(new TolkClient(TolkSettings.load()));
    }

    TolkGlossary(TolkClient client) {
        this.client = client;
    }

    static String code(Language language) {
        return language.getLanguageCode().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<GlossaryEntry> search(Language sLang, Language tLang, String srcText) throws Exception {
        String source = code(sLang);
        String target = code(tLang);
        Map<String, Object> answer = client.post("/api/v1/recognize",
                "{\"text\":" + Json.quote(srcText) + ",\"language\":" + Json.quote(source) + "}");
        List<GlossaryEntry> result = new ArrayList<GlossaryEntry>();
        List<String> seen = new ArrayList<String>();
        for (Object item : Json.array(answer.get("hits"))) {
            Map<String, Object> hit = Json.object(item);
            String conceptId = Json.string(hit.get("concept"));
            String text = Json.string(hit.get("text"));
            if (conceptId == null || text == null || seen.contains(conceptId + "\u0000" + text)) {
                continue;
            }
            seen.add(conceptId + "\u0000" + text);
            GlossaryEntry entry = entry(text, "deprecated".equals(hit.get("status")), concept(conceptId),
                    target);
            if (entry != null) {
                result.add(entry);
            }
        }
        return result;
    }

    private Map<String, Object> concept(String id) throws Exception {
        Map<String, Object> cached = concepts.get(id);
        if (cached == null) {
            cached = client.get("/api/v1/concepts/" + TolkClient.encode(id));
            concepts.put(id, cached);
        }
        return cached;
    }

    /** One pane entry: the segment's text, the concept's usable target terms, preferred first. */
    static GlossaryEntry entry(String sourceText, boolean sourceDeprecated, Map<String, Object> concept,
            String target) {
        List<Map<String, Object>> preferred = new ArrayList<Map<String, Object>>();
        List<Map<String, Object>> others = new ArrayList<Map<String, Object>>();
        List<String> deprecated = new ArrayList<String>();
        for (Object item : Json.array(concept.get("terms"))) {
            Map<String, Object> term = Json.object(item);
            if (!target.equals(term.get("language")) || Json.string(term.get("text")) == null) {
                continue;
            }
            Object status = term.get("status");
            if ("deprecated".equals(status) || "superseded".equals(status)) {
                deprecated.add((String) term.get("text"));
            } else if ("preferred".equals(status)) {
                preferred.add(term);
            } else {
                others.add(term);
            }
        }
        preferred.addAll(others);
        if (preferred.isEmpty()) {
            return null;
        }
        StringBuilder about = new StringBuilder();
        for (Object legal : Json.array(concept.get("legal"))) {
            append(about, String.valueOf(legal));
        }
        String definition = Json.string(Json.object(concept.get("definitions")).get(target));
        if (definition != null) {
            append(about, definition);
        }
        if (sourceDeprecated) {
            append(about, "the source uses a deprecated term");
        }
        if (!deprecated.isEmpty()) {
            append(about, "not: " + String.join(", ", deprecated));
        }
        String[] loc = new String[preferred.size()];
        String[] comments = new String[loc.length];
        boolean[] priorities = new boolean[loc.length];
        for (int i = 0; i < loc.length; i++) {
            Map<String, Object> term = preferred.get(i);
            loc[i] = (String) term.get("text");
            StringBuilder comment = new StringBuilder(String.valueOf(term.get("status")));
            if (Boolean.FALSE.equals(term.get("verified"))) {
                append(comment, "unverified");
            }
            if (i == 0 && about.length() > 0) {
                append(comment, about.toString());
            }
            comments[i] = comment.toString();
            priorities[i] = "preferred".equals(term.get("status"));
        }
        return new GlossaryEntry(sourceText, loc, comments, priorities);
    }

    private static void append(StringBuilder out, String text) {
        if (out.length() > 0) {
            out.append("; ");
        }
        out.append(text);
    }
}
