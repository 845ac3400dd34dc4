package org.tolk.omegat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * tolk serve's HTTP API (/api/v1) over java.net.HttpURLConnection: JSON in and out, the bearer
 * token when one is configured, short timeouts so that OmegaT's panes are never held up by a
 * server that is not running.
 */
final class TolkClient {
    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final int READ_TIMEOUT_MS = 10000;

    private final TolkSettings settings;

    TolkClient(TolkSettings settings) {
        this.settings = settings;
    }

    TolkSettings settings() {
        return settings;
    }

    static String encode(String value) {
        try {
            return URLEncoder.encode(value, "UTF-8").replace("+", "%20");
        } catch (java.io.UnsupportedEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    Map<String, Object> get(String path) throws IOException {
        return Json.object(request("GET", path, null));
    }

    Map<String, Object> post(String path, String jsonBody) throws IOException {
        return Json.object(request("POST", path, jsonBody));
    }

    private Object request(String method, String path, String body) throws IOException {
        URL url = new URL(settings.url + path);
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            if (!settings.token.isEmpty()) {
                connection.setRequestProperty("Authorization", "Bearer " + settings.token);
            }
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
                connection.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : readAll(in);
            if (status >= 400) {
                throw new IOException("tolk serve " + method + " " + path + ": HTTP " + status + ": "
                        + errorMessage(text));
            }
            return Json.parse(text);
        } finally {
            connection.disconnect();
        }
    }

    private static String errorMessage(String text) {
        try {
            Map<String, Object> error = Json.object(Json.object(Json.parse(text)).get("error"));
            String message = Json.string(error.get("message"));
            if (message != null) {
                return error.get("code") + ": " + message;
            }
        } catch (IllegalArgumentException ex) {
            // not JSON: the body itself is the best description
        }
        return text;
    }

    private static String readAll(InputStream in) throws IOException {
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = stream.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
