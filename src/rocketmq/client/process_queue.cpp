// ProcessQueue is header-only; this file keeps the one-pair-per-class layout.
#include "rocketmq/client/process_queue.h"
