// A group's live clients in RebalanceImpl's cidAll order (ids in Java String order; a shared id
// keeps index order), for the expected assignment. Kept from one membership to the next: a
// rolling restart changes one or two clients at a time, so the departed are dropped and the
// new ones placed by a binary search, instead of ranking and copying every id each time.
#pragma once

#include <string>
#include <vector>

#include "rocketmq/common/client_id_order.h"
#include "rocketmq/common/sim_event.h"

namespace rmqsim {

class SortedMembers {
 public:
  /// Brings the order to `members` (sorted by index); the ids of `catalog` (never changed once
  /// added). `idOrder` sorts a membership that changed in more than a few clients.
  void update(const std::vector<ClientIndex>& members, const RunCatalog& catalog, ClientIdOrder& idOrder);
  const std::vector<ClientIndex>& clients() const { return byId_; }   ///< in cidAll order
  const std::vector<std::string>& cidAll() const { return cidAll_; }  ///< their ids

 private:
  void sortAll(const RunCatalog& catalog, ClientIdOrder& idOrder);
  void place(ClientIndex c, const RunCatalog& catalog);

  std::vector<ClientIndex> members_;  ///< the membership, by index
  std::vector<ClientIndex> byId_;
  std::vector<std::string> cidAll_;
};

}  // namespace rmqsim
