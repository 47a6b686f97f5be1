#include "report/pop_metrics_meaning.h"

namespace rmqsim {

namespace {

using Meaning = std::vector<std::pair<std::string, std::string>>;

const Meaning kShared = {
    {"orphan_queue_s", "0: no queue is owned, the brokers share every queue's messages"},
    {"overlap_queue_s", "0: no queue is owned"},
    {"invisible_past_deadline_msg_s",
     "messages x seconds that popped, unacked messages stayed invisible past their invisible time, until revived"},
    {"redeliveries", "popped messages never acked in time, revived and handed out again"},
    {"duplicates", "messages consumed twice: consumed but the ack lost (partition), or consumed after being revived"},
    {"message_share", "each client's fraction of the group's consumed messages"},
    {"loads", "0 queues for every live client: see message_share"},
};

const Meaning kFifo = {
    {"orphan_queue_s", "0: no queue is owned, any client may pop any queue's next batch"},
    {"overlap_queue_s", "0: no queue is owned; one batch per queue is in flight at a time"},
    {"fifo_blocked_queue_s",
     "queue x seconds a queue's later messages waited behind a popped batch not acked at the next step "
     "(its consumer dead, frozen or cut off), until the ack or its invisible time released the queue"},
    {"invisible_past_deadline_msg_s", "0 in effect: a FIFO queue is released at the deadline itself (no revive scan)"},
    {"redeliveries", "messages of batches not acked by their invisible time, popped again from the same offset, in order"},
    {"duplicates", "messages consumed twice: consumed but the ack lost (partition), or consumed after being popped again"},
    {"message_share", "each client's fraction of the group's consumed messages"},
    {"loads", "0 queues for every live client: see message_share"},
};

const Meaning kAssigned = {
    {"orphan_queue_s",
     "0: POP-assigned queues are popped, not owned; a queue no running client's assignment holds waits for the "
     "next rebalance and shows in max_lag"},
    {"overlap_queue_s", "0: POP assignments overlap by design (pop_share_queue_num); invisible time locks each message"},
    {"invisible_past_deadline_msg_s",
     "messages x seconds that popped, unacked messages stayed invisible past their invisible time, until revived"},
    {"redeliveries", "popped messages never acked in time, revived and handed out again"},
    {"duplicates", "messages consumed twice: consumed but the ack lost (partition), or consumed after being revived"},
    {"message_share", "each client's fraction of the group's consumed messages"},
    {"loads", "0 queues for every live client: see message_share (the retry topic is still pulled and owned)"},
};

}  // namespace

PopKind popKindOf(const GroupFinal& g) {
  return g.popAssigned ? PopKind::ASSIGNED : g.orderly ? PopKind::FIFO : PopKind::SHARED;
}

const std::vector<std::pair<std::string, std::string>>& popMetricsMeaning(PopKind kind) {
  switch (kind) {
    case PopKind::FIFO: return kFifo;
    case PopKind::ASSIGNED: return kAssigned;
    default: return kShared;
  }
}

}  // namespace rmqsim
