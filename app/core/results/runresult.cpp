#include "results/runresult.h"
