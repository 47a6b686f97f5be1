// Creates and owns the simulated entities of one run: name servers, brokers, and client
// processes with their names (GROUP-N) and RocketMQ ids; restarts make new incarnations.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rocketmq/broker/broker.h"
#include "rocketmq/client/mq_client_instance.h"
#include "rocketmq/namesrv/name_server.h"
#include "scenario/scenario.h"

namespace rmqsim {

class Cluster {
 public:
  Cluster(ModelContext& ctx, const Scenario& scenario);
  ~Cluster();

  /// Starts the name servers and brokers (t = 0).
  void bootInfrastructure();
  /// Starts `count` new clients of a group (GROUP-N with the next N), each after its own
  /// offset in [0, spread) (spread 0: all now, in name order).
  void startClients(GroupIndex group, int count, SimTime spread);
  /// Starts a new incarnation of a stopped client under the same name, after an offset in
  /// [0, spread) (the JVM start).
  void restartClient(const std::string& name, IdPolicy policy, SimTime spread);
  /// The last time a spread start already decided on is still to happen (0: none pending):
  /// the fast-forward's horizon never passes it.
  SimTime startsUntil() const { return startsUntil_; }

  /// The latest incarnation of a client name, or nullptr.
  MQClientInstance* findClient(const std::string& name);
  /// Live processes of a group (or of all groups when group < 0), by name order of creation.
  std::vector<MQClientInstance*> liveClients(GroupIndex group);
  std::vector<std::unique_ptr<MQClientInstance>>& clients() { return clients_; }
  Broker* broker(const std::string& name) { return ctx_.findBroker(name); }
  std::vector<std::unique_ptr<Broker>>& brokers() { return brokers_; }
  NameServer* nameserver(const std::string& name);
  std::vector<std::unique_ptr<NameServer>>& nameservers() { return nameservers_; }
  GroupIndex groupIndex(const std::string& name) const;

 private:
  struct NameState {
    GroupIndex group = 0;
    int n = 0;
    int incarnation = 0;
    std::string clientId;
    ClientIndex latest = -1;
  };
  MQClientInstance& createProcess(NameState& st, bool newIp, bool newPid);
  /// Creates and starts the next process of `name` now, or `offset` from now.
  void launch(const std::string& name, SimTime offset, bool newIp, bool newPid);

  ModelContext& ctx_;
  const Scenario& scenario_;
  std::vector<std::unique_ptr<NameServer>> nameservers_;
  std::vector<std::unique_ptr<Broker>> brokers_;
  std::vector<std::unique_ptr<MQClientInstance>> clients_;
  std::vector<std::shared_ptr<const AllocateMessageQueueStrategy>> strategies_;  ///< per group
  std::vector<int> nextN_;       ///< per group
  std::vector<int> nextIp_;      ///< per group: ip offsets handed out
  std::map<std::string, NameState> names_;
  SimTime startsUntil_ = 0;
};

}  // namespace rmqsim
