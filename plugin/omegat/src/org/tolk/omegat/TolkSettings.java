package org.tolk.omegat;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.omegat.util.StaticUtils;

/**
 * Where tolk serve is and how to talk to it. Read, in this order of precedence, from the Java
 * system properties {@code tolk.url}, {@code tolk.token}, {@code tolk.minScore}, then from the
 * settings file ({@code tolk.settings} names it; by default {@code tolk.properties} in OmegaT's
 * configuration folder, e.g. ~/.omegat/tolk.properties) with the keys {@code url}, {@code token},
 * {@code minScore}. The default URL is the server's default, http://127.0.0.1:8377.
 */
final class TolkSettings {
    static final String DEFAULT_URL = "http://127.0.0.1:8377";

    final String url;
    final String token;
    final int minScore;

    private TolkSettings(String url, String token, int minScore) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.minScore = minScore;
    }

    static TolkSettings load() {
        Properties file = new Properties();
        File settings = settingsFile();
        if (settings != null && settings.isFile()) {
            try (InputStream in = new FileInputStream(settings)) {
                file.load(in);
            } catch (IOException ex) {
                // An unreadable settings file must not stop OmegaT: the defaults apply.
                System.err.println("tolk plugin: " + settings + ": " + ex.getMessage());
            }
        }
        String url = System.getProperty("tolk.url", file.getProperty("url", DEFAULT_URL)).trim();
        String token = System.getProperty("tolk.token", file.getProperty("token", "")).trim();
        int minScore = 70;
        String score = System.getProperty("tolk.minScore", file.getProperty("minScore"));
        if (score != null) {
            try {
                minScore = Math.max(1, Math.min(101, Integer.parseInt(score.trim())));
            } catch (NumberFormatException ex) {
                System.err.println("tolk plugin: minScore is not a number: " + score);
            }
        }
        return new TolkSettings(url, token, minScore);
    }

    private static File settingsFile() {
        String named = System.getProperty("tolk.settings");
        if (named != null) {
            return new File(named);
        }
        String config = null;
        try {
            config = StaticUtils.getConfigDir();
        } catch (Throwable ex) {
            // Outside OmegaT (a test driver) there may be no configuration folder.
        }
        return config == null ? null : new File(config, "tolk.properties");
    }
}
