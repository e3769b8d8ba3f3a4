#include "runresult.h"
