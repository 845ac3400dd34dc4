/* A host of libtolk.so in plain C: looks a term up in a termbase and fuzzy-matches a segment in a
 * translation memory, printing the JSON answers.
 *
 *   tolk-lookup-example TERMBASE_DIR QUERY [TM_DIR SEGMENT SOURCE_LANG TARGET_LANG]
 *
 * Exit code: 0 found, 1 not found, 2 error. */
#include <stdio.h>
#include <tolk.h>

static int fail(const char* what) {
  fprintf(stderr, "tolk-lookup-example: %s: %s\n", what, tolk_last_error());
  return 2;
}

int main(int argc, char** argv) {
  if (argc != 3 && argc != 7) {
    fprintf(stderr, "usage: %s TERMBASE_DIR QUERY [TM_DIR SEGMENT FROM TO]\n", argv[0]);
    return 2;
  }
  printf("tolk %s\n", tolk_version());
  tolk_termbase* termbase = NULL;
  if (tolk_termbase_open(argv[1], &termbase) != TOLK_OK)
    return fail("opening the termbase");
  char* json = NULL;
  tolk_status status = tolk_termbase_lookup(termbase, argv[2], NULL, 3, &json);
  if (status != TOLK_OK && status != TOLK_NOT_FOUND) {
    tolk_termbase_close(termbase);
    return fail("lookup");
  }
  printf("%s\n", json);
  tolk_free(json);
  int code = status == TOLK_OK ? 0 : 1;

  if (argc == 7) {
    tolk_tm* tm = NULL;
    if (tolk_tm_open(argv[3], 0, &tm) != TOLK_OK) {
      tolk_termbase_close(termbase);
      return fail("opening the translation memory");
    }
    status = tolk_tm_match(tm, argv[4], argv[5], argv[6], 70, 3, termbase, &json);
    if (status != TOLK_OK && status != TOLK_NOT_FOUND) {
      tolk_tm_close(tm);
      tolk_termbase_close(termbase);
      return fail("match");
    }
    printf("%s\n", json);
    tolk_free(json);
    if (status != TOLK_OK)
      code = 1;
    tolk_tm_close(tm);
  }
  tolk_termbase_close(termbase);
  return code;
}
