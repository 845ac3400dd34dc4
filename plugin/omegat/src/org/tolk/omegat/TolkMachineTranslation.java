package org.tolk.omegat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.omegat.gui.exttrans.IMachineTranslation;
import org.omegat.util.Language;

/**
 * tolk's translation memory as a machine-translation provider: the best fuzzy match of
 * POST /api/v1/tm/match for the segment, as tolk proposes it (proposed_target: numbers and
 * termbase terms that differ between the segment and the stored source already repaired).
 * OmegaT shows it in its Machine Translation pane with the name "tolk TM (score%)".
 */
public class TolkMachineTranslation implements IMachineTranslation {
    private final TolkClient client;
    private final Map<String, String> cache = Collections
            .synchronizedMap(new LinkedHashMap<String, String>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 1000;
                }
            });
    private volatile int lastScore;

    public TolkMachineTranslation() {
        this(new TolkClient(TolkSettings.load()));
    }

    TolkMachineTranslation(TolkClient client) {
        this.client = client;
    }

    @Override
    public String getName() {
        return "tolk TM";
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    /** The score of the last match returned, 0..101 (0: none), for callers that want it. */
    public int getLastScore() {
        return lastScore;
    }

    private static String key(Language sLang, Language tLang, String text) {
        return TolkGlossary.code(sLang) + "\u0000" + TolkGlossary.code(tLang) + "\u0000" + text;
    }

    @Override
    public String getTranslation(Language sLang, Language tLang, String text) throws Exception {
        String source = TolkGlossary.code(sLang);
        String target = TolkGlossary.code(tLang);
        Map<String, Object> answer = client.post("/api/v1/tm/match",
                "{\"segment\":" + Json.quote(text) + ",\"source_language\":" + Json.quote(source)
                        + ",\"target_language\":" + Json.quote(target) + ",\"min_score\":"
                        + client.settings().minScore + ",\"limit\":1}");
        List<Object> matches = Json.array(answer.get("matches"));
        if (matches.isEmpty()) {
            lastScore = 0;
            return null;
        }
        Map<String, Object> best = Json.object(matches.get(0));
        String proposal = Json.string(best.get("proposed_target"));
        if (proposal == null) {
            proposal = Json.string(best.get("target"));
        }
        Object score = best.get("score");
        lastScore = score instanceof Number ? ((Number) score).intValue() : 0;
        if (proposal != null) {
            cache.put(key(sLang, tLang, text), proposal);
        }
        return proposal;
    }

    @Override
    public String getCachedTranslation(Language sLang, Language tLang, String text) {
        return cache.get(key(sLang, tLang, text));
    }
}
