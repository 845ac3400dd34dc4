// The glossary tests check the shipped glossary against the corpus (../shared/corpus). Without the
// corpus, only the tests that do not read it run (those not tagged [corpus]).
#include "required_data.hpp"

static const tolk::testing::RequiredData kCorpus(TOLK_CORPUS_DIR, "[corpus]");
