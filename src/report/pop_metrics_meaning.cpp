#include "report/pop_metrics_meaning.h"

namespace rmqsim {

const std::vector<std::pair<std::string, std::string>>& popMetricsMeaning() {
  static const std::vector<std::pair<std::string, std::string>> m = {
      {"orphan_queue_s", "0: no queue is owned, the brokers share every queue's messages"},
      {"overlap_queue_s", "0: no queue is owned"},
      {"invisible_past_deadline_msg_s",
       "messages x seconds that popped, unacked messages stayed invisible past their invisible time, until revived"},
      {"redeliveries", "popped messages never acked in time, revived and handed out again"},
      {"duplicates", "messages consumed twice: consumed but the ack lost (partition), or consumed after being revived"},
      {"message_share", "each client's fraction of the group's consumed messages"},
      {"loads", "0 queues for every live client: see message_share"},
  };
  return m;
}

}  // namespace rmqsim
