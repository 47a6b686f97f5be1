// ConsumerOffsetManager is header-only; this file keeps the one-pair-per-class layout.
#include "rocketmq/broker/consumer_offset_manager.h"
