/* tolk.h: the C interface of tolk, a terminology base and translation memory for legal
 * translation between Dutch, English and Russian.
 *
 * Any host can load libtolk.so: a CAT tool through JNA or P/Invoke, a script through an FFI
 * (Python ctypes, LuaJIT). Results are JSON documents in UTF-8, the same as `tolk ... --json`
 * prints; every string this library returns is freed with tolk_free().
 *
 * Errors: every function that can fail returns a tolk_status; TOLK_OK is 0. The message of the
 * last failure is kept per thread and read with tolk_last_error(). No C++ exception crosses this
 * interface.
 *
 * Threads: a handle may be used from several threads at once for reading (lookups, term
 * recognition, matching). Writes (tolk_tm_add) may run beside reads: the store serialises
 * writers and readers see the state before or after each write. Closing a handle while another
 * thread uses it is the caller's error.
 *
 * Stores are the folders tolk's CLI creates: a termbase is tolk-data/termbases/NAME, a
 * translation memory tolk-data/tms/NAME.
 */
#ifndef TOLK_H
#define TOLK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define TOLK_API __attribute__((visibility("default")))
#else
#define TOLK_API
#endif

/* The interface version: changes when a function is added (minor) or changed (major). */
#define TOLK_API_VERSION_MAJOR 0
#define TOLK_API_VERSION_MINOR 2

typedef enum tolk_status {
  TOLK_OK = 0,
  TOLK_NOT_FOUND = 1,        /* nothing matched (the result is still a valid, empty document) */
  TOLK_INVALID_ARGUMENT = 2, /* a null pointer, invalid UTF-8, an unknown language code */
  TOLK_STORE_ERROR = 3,      /* the store cannot be opened, is damaged, or a write failed */
  TOLK_INTERNAL_ERROR = 4    /* anything else; the message says what */
} tolk_status;

typedef struct tolk_termbase tolk_termbase;
typedef struct tolk_tm tolk_tm;

/* "0.1.0": the library's version. Static string, not to be freed. */
TOLK_API const char* tolk_version(void);

/* The message of the last failed call in this thread, or "" after a success. Valid until the
 * next call in this thread; not to be freed. */
TOLK_API const char* tolk_last_error(void);

/* Frees a string returned by this library. Null is ignored. */
TOLK_API void tolk_free(char* text);

/* Opens the termbase stored in `directory` (read access; it must exist). It is opened read-only,
 * so a termbase on a read-only share or medium can be used. */
TOLK_API tolk_status tolk_termbase_open(const char* directory, tolk_termbase** termbase);
TOLK_API void tolk_termbase_close(tolk_termbase* termbase);

/* Concepts for a term in any form: exact, inflected, transliterated, or with a typo.
 * `language` ("nl", "en", "ru") limits the terms searched, or is null for all.
 * *json receives {"query": ..., "hits": [{"match", "score", "matched_term", "concept"}...]}.
 * Returns TOLK_NOT_FOUND (with an empty "hits") when nothing matched. */
TOLK_API tolk_status tolk_termbase_lookup(tolk_termbase* termbase, const char* query,
                                          const char* language, size_t limit, char** json);

/* Every termbase term in `text` (inflected, inside Dutch compounds) with UTF-8 and UTF-16
 * offsets and line/column. *json receives {"hits": [...]}. The recogniser is built on the first
 * call and kept. */
TOLK_API tolk_status tolk_termbase_find_terms(tolk_termbase* termbase, const char* text,
                                              const char* language, char** json);

/* Opens the translation memory stored in `directory`, creating it when `create` is non-zero. */
TOLK_API tolk_status tolk_tm_open(const char* directory, int create, tolk_tm** tm);
TOLK_API void tolk_tm_close(tolk_tm* tm);

/* The best fuzzy matches for `segment`, best first; with `termbase` (may be null) the proposed
 * targets have differing terms repaired as well as numbers. *json receives
 * {"segment": ..., "matches": [{"id", "score", "source", "target", "proposed_target",
 * "repairs", ...}]}. Returns TOLK_NOT_FOUND when no unit reaches `min_score` (1..101). */
TOLK_API tolk_status tolk_tm_match(tolk_tm* tm, const char* segment, const char* source_language,
                                   const char* target_language, int min_score, size_t max_results,
                                   tolk_termbase* termbase, char** json);

/* Stores one confirmed translation (an identical unit is not stored twice; a new translation of
 * a stored source replaces it). */
TOLK_API tolk_status tolk_tm_add(tolk_tm* tm, const char* source, const char* target,
                                 const char* source_language, const char* target_language);

/* Terminology QA of one segment pair against the termbase: the checks of `tolk check` that
 * apply to a single segment (missing and deprecated terms in any inflected form, legal
 * references, numbers, empty, untranslated or copied targets). *json receives
 * {"findings": [{"check", "severity", "segment", "line", "message", "subject", "found",
 * "expected"}...]} with English messages. Returns TOLK_NOT_FOUND (with an empty "findings")
 * when the pair is clean. The checker is built on the first call and kept. Since API 0.2. */
TOLK_API tolk_status tolk_check_segment(tolk_termbase* termbase, const char* source,
                                        const char* target, const char* source_language,
                                        const char* target_language, char** json);

#ifdef __cplusplus
}
#endif

#endif /* TOLK_H */
