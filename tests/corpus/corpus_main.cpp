// The corpus tests need ../shared/corpus beside the project; without it they are skipped.
#include "required_data.hpp"

static const tolk::testing::RequiredData kCorpus(TOLK_CORPUS_DIR, "");
